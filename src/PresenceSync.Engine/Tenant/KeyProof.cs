using System;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// The proof of possession Graph's addKey and removeKey ask for: a JWT signed with one of the
    /// app's current certificates, audience the AAD Graph resource, issuer the application's object
    /// id, valid for at most 10 minutes. It lets an app roll its own certificates with no permission.
    /// </summary>
    internal static class KeyProof
    {
        public const string Audience = "00000002-0000-0000-c000-000000000000";

        public static string For(string applicationObjectId, X509Certificate2 signer)
        {
            var now = DateTime.UtcNow;
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Audience = Audience,
                Issuer = applicationObjectId,
                NotBefore = now,
                IssuedAt = now,
                Expires = now.AddMinutes(10),
                SigningCredentials = new X509SigningCredentials(signer),
            });
        }
    }
}
