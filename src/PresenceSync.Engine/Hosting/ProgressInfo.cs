namespace PresenceSync.Engine.Hosting
{
    /// <summary>A progress report in the engine's terms; the host turns it into a ProgressRecord.</summary>
    public sealed class ProgressInfo
    {
        public ProgressInfo(int activityId, string activity, string status, int percentComplete, bool completed = false)
        {
            ActivityId = activityId;
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        public int ActivityId { get; }
        public string Activity { get; }
        public string Status { get; }
        public int PercentComplete { get; }
        public bool Completed { get; }

        public static ProgressInfo Of(int activityId, string activity, int done, int total)
        {
            var percent = total <= 0 ? 100 : (int)(done * 100L / total);
            return new ProgressInfo(activityId, activity, $"{done} of {total}", percent);
        }

        public static ProgressInfo Complete(int activityId, string activity) =>
            new ProgressInfo(activityId, activity, "Done", 100, completed: true);
    }
}
