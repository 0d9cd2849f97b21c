using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// When each agent is next due: after the coalescing window of an ACD event, or before its
    /// session needs a refresh. A binary heap, so waiting costs nothing per agent: only the
    /// earliest entry is ever looked at. Rescheduling leaves the old entry behind; an entry counts
    /// only while it matches the slot's Due.
    /// </summary>
    internal sealed class TimerQueue
    {
        private readonly List<(DateTime Due, long Seq, AgentSlot Slot)> _heap = new List<(DateTime, long, AgentSlot)>();
        private long _seq;

        public int Count => _heap.Count;

        /// <summary>Schedules the slot at <paramref name="due"/> unless it is already due earlier.</summary>
        public void Schedule(AgentSlot slot, DateTime due)
        {
            if (slot.Due is DateTime current && current <= due) return;
            slot.Due = due;
            _heap.Add((due, _seq++, slot));
            Up(_heap.Count - 1);
        }

        /// <summary>The earliest live entry, or null when nothing is scheduled.</summary>
        public DateTime? Next
        {
            get
            {
                DropStale();
                return _heap.Count == 0 ? (DateTime?)null : _heap[0].Due;
            }
        }

        /// <summary>Takes every slot due at or before <paramref name="now"/>.</summary>
        public List<AgentSlot> TakeDue(DateTime now)
        {
            var due = new List<AgentSlot>();
            while (true)
            {
                DropStale();
                if (_heap.Count == 0 || _heap[0].Due > now) return due;
                var slot = Pop().Slot;
                slot.Due = null;
                due.Add(slot);
            }
        }

        private void DropStale()
        {
            while (_heap.Count > 0 && _heap[0].Slot.Due != _heap[0].Due) Pop();
        }

        private (DateTime Due, long Seq, AgentSlot Slot) Pop()
        {
            var top = _heap[0];
            var last = _heap[_heap.Count - 1];
            _heap.RemoveAt(_heap.Count - 1);
            if (_heap.Count > 0)
            {
                _heap[0] = last;
                Down(0);
            }
            return top;
        }

        private static bool Less((DateTime Due, long Seq, AgentSlot) a, (DateTime Due, long Seq, AgentSlot) b) =>
            a.Due < b.Due || (a.Due == b.Due && a.Seq < b.Seq);

        private void Up(int i)
        {
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Less(_heap[i], _heap[parent])) return;
                (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
                i = parent;
            }
        }

        private void Down(int i)
        {
            while (true)
            {
                var smallest = i;
                var left = 2 * i + 1;
                var right = left + 1;
                if (left < _heap.Count && Less(_heap[left], _heap[smallest])) smallest = left;
                if (right < _heap.Count && Less(_heap[right], _heap[smallest])) smallest = right;
                if (smallest == i) return;
                (_heap[i], _heap[smallest]) = (_heap[smallest], _heap[i]);
                i = smallest;
            }
        }
    }
}
