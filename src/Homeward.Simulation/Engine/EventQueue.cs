namespace Homeward.Simulation.Engine;

/// <summary>One scheduled event: when, what kind, and whom (a person, an arrival stream).</summary>
public readonly record struct Event(double Time, int Kind, int Subject);

/// <summary>
/// The future event list: a 4-ary min-heap kept in three parallel growable arrays (times, tie-breaking sequence
/// numbers, payloads), so that choosing among a node's four children reads one cache line of times, and scheduling
/// and taking events allocates nothing once the arrays have grown to the model's size. Taking the first event moves
/// the hole down to a leaf along the earliest children and then lifts the last event into it (Floyd's method: the
/// last event nearly always belongs near the bottom, so this saves comparisons). Events at the same time come out
/// in the order they were scheduled, which keeps runs reproducible.
/// </summary>
public sealed class EventQueue
{
    private double[] _time;
    private long[] _sequence;
    private long[] _payload;
    private long _next;

    public EventQueue(int capacity = 256)
    {
        capacity = Math.Max(4, capacity);
        _time = new double[capacity];
        _sequence = new long[capacity];
        _payload = new long[capacity];
    }

    public int Count { get; private set; }

    public void Clear()
    {
        Count = 0;
        _next = 0;
    }

    /// <summary>The time of the next event; +∞ when none is left.</summary>
    public double NextTime => Count == 0 ? double.PositiveInfinity : _time[0];

    public void Schedule(double time, int kind, int subject)
    {
        if (Count == _time.Length)
        {
            Array.Resize(ref _time, _time.Length * 2);
            Array.Resize(ref _sequence, _time.Length);
            Array.Resize(ref _payload, _time.Length);
        }
        SiftUp(Count++, time, _next++, ((long)kind << 32) | (uint)subject);
    }

    public Event Take()
    {
        if (Count == 0)
            throw new InvalidOperationException("No event is scheduled.");
        var top = new Event(_time[0], (int)(_payload[0] >> 32), (int)_payload[0]);
        var n = --Count;
        if (n == 0)
            return top;
        var (lastTime, lastSequence, lastPayload) = (_time[n], _sequence[n], _payload[n]);
        // The hole at the root goes down to a leaf, always to the earliest child...
        var hole = 0;
        while (true)
        {
            var first = 4 * hole + 1;
            if (first >= n)
                break;
            var child = first;
            var end = Math.Min(first + 4, n);
            for (var c = first + 1; c < end; c++)
                if (Before(c, child))
                    child = c;
            _time[hole] = _time[child];
            _sequence[hole] = _sequence[child];
            _payload[hole] = _payload[child];
            hole = child;
        }
        // ...and the last event rises from there to its place.
        SiftUp(hole, lastTime, lastSequence, lastPayload);
        return top;
    }

    private bool Before(int a, int b) => _time[a] < _time[b] || (_time[a] == _time[b] && _sequence[a] < _sequence[b]);

    private void SiftUp(int i, double time, long sequence, long payload)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            if (_time[parent] < time || (_time[parent] == time && _sequence[parent] < sequence))
                break;
            _time[i] = _time[parent];
            _sequence[i] = _sequence[parent];
            _payload[i] = _payload[parent];
            i = parent;
        }
        _time[i] = time;
        _sequence[i] = sequence;
        _payload[i] = payload;
    }
}
