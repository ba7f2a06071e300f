namespace Homeward.Simulation.Engine;

/// <summary>One scheduled event: when, what kind, and whom (a person, an arrival stream, a day).</summary>
public readonly record struct Event(double Time, int Kind, int Subject);

/// <summary>
/// The future event list: a binary min-heap of value-type events in one growable array, so scheduling and taking
/// events allocates nothing once the array has grown to the model's size. Events at the same time come out in the
/// order they were scheduled (a sequence number breaks ties), which keeps runs reproducible.
/// </summary>
public sealed class EventQueue
{
    private struct Entry
    {
        public double Time;
        public long Sequence;
        public int Kind;
        public int Subject;
    }

    private Entry[] _heap;
    private long _sequence;

    public EventQueue(int capacity = 256) => _heap = new Entry[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public void Clear()
    {
        Count = 0;
        _sequence = 0;
    }

    public void Schedule(double time, int kind, int subject)
    {
        if (Count == _heap.Length)
            Array.Resize(ref _heap, _heap.Length * 2);
        var entry = new Entry { Time = time, Sequence = _sequence++, Kind = kind, Subject = subject };
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Before(entry, _heap[parent]))
                break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = entry;
    }

    /// <summary>The time of the next event; +∞ when none is left.</summary>
    public double NextTime => Count == 0 ? double.PositiveInfinity : _heap[0].Time;

    public Event Take()
    {
        if (Count == 0)
            throw new InvalidOperationException("No event is scheduled.");
        var top = _heap[0];
        var last = _heap[--Count];
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count)
                break;
            if (child + 1 < Count && Before(_heap[child + 1], _heap[child]))
                child++;
            if (!Before(_heap[child], last))
                break;
            _heap[i] = _heap[child];
            i = child;
        }
        if (Count > 0)
            _heap[i] = last;
        return new Event(top.Time, top.Kind, top.Subject);
    }

    private static bool Before(in Entry a, in Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);
}
