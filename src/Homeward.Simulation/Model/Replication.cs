using Homeward.Simulation.Engine;

namespace Homeward.Simulation.Model;

/// <summary>What one replication recorded: each node's daily metrics, and time spent at each occupancy level.</summary>
public sealed class ReplicationResult(int nodes, int days)
{
    public int Nodes { get; } = nodes;
    public int Days { get; } = days;

    /// <summary>[(node × days + day) × metrics + metric], over the reported days.</summary>
    public double[] Daily { get; } = new double[nodes * days * Metrics.Count];

    /// <summary>Days spent at each occupancy level, per node, over the reported days.</summary>
    public double[][] Levels { get; } = new double[nodes][];

    /// <summary>
    /// People who started at each node over the reported days, by how long they waited: [node][0] started at once,
    /// [node][k] waited more than k − 1 and at most k days (k up to <see cref="MaxWaitDays"/>), the last longer.
    /// </summary>
    public long[][] Waits { get; } = [.. Enumerable.Range(0, nodes).Select(_ => new long[MaxWaitDays + 2])];

    public const int MaxWaitDays = 60;

    /// <summary>People who started at <paramref name="node"/> within <paramref name="days"/> days of arriving (0: at once).</summary>
    public long StartedWithin(int node, int days)
    {
        var counts = Waits[node];
        var sum = 0L;
        for (var k = 0; k <= Math.Min(days, MaxWaitDays); k++)
            sum += counts[k];
        return sum;
    }

    public long Started(int node) => Waits[node].Sum();

    public long Events { get; internal set; }

    public double this[int node, int day, Metric metric] => Daily[(node * Days + day) * Metrics.Count + (int)metric];
}

/// <summary>
/// One replication of the flow model: people arrive, choose their route on arrival at each node, wait, stay,
/// may wait for onward care while keeping their place, and move on only when the next node has room (blocking
/// after service). One instance runs one replication at a time and reuses its arrays, so events allocate nothing.
/// </summary>
internal sealed class Replication
{
    private const int ArrivalEvent = 0, StayEndEvent = 1, TransferEndEvent = 2;
    private const byte Waiting = 0, InCare = 1, InTransfer = 2, Blocked = 3;

    private struct Person
    {
        public int Group;
        public int At;            // node occupied, or -1
        public int Target;        // node waited for, or -1
        public int Route;         // route chosen at the node waited for / occupied
        public int PendingRoute;  // route chosen at the node waited for
        public double Stay;       // stay at the node waited for
        public double JoinedAt;   // when they began waiting for Target
        public double EnteredAt;  // when they entered At
        public byte State;
        public bool External;     // waiting from outside (counts in the queue)
    }

    private readonly CompiledScenario _model;
    private readonly EventQueue _events = new(1024);
    private Person[] _people = new Person[1024];
    private int[] _free = new int[1024];
    private int _freeCount, _peopleCount;

    private readonly int _n, _m;
    private readonly int[] _occupied, _waitingOutside, _held;
    private readonly double[] _last;
    private readonly WaitLine[] _lines;
    private readonly int[][] _committed;      // visit nodes: visits booked per day
    private readonly double[] _today;         // [node × metrics] for the current day
    private readonly double[] _occArea, _queueArea, _heldArea;
    private readonly int[] _fillStack;
    private readonly bool[] _toFill;
    private int _fillCount;
    private int _day;
    private double _now;
    private Xoshiro _random = new(0);
    private ReplicationResult _result = null!;

    public Replication(CompiledScenario model)
    {
        _model = model;
        _n = model.Nodes;
        _m = Metrics.Count;
        _occupied = new int[_n];
        _waitingOutside = new int[_n];
        _held = new int[_n];
        _last = new double[_n];
        _lines = [.. Enumerable.Range(0, _n).Select(_ => new WaitLine())];
        _committed = [.. Enumerable.Range(0, _n).Select(i => model.IsVisitNode[i] ? new int[model.TotalDays + 1] : [])];
        _today = new double[_n * _m];
        _occArea = new double[_n];
        _queueArea = new double[_n];
        _heldArea = new double[_n];
        _fillStack = new int[_n];
        _toFill = new bool[_n];
    }

    public ReplicationResult Run(Xoshiro random)
    {
        Reset(random);
        PlaceInitialState();
        for (var s = 0; s < _model.Streams.Length; s++)
            ScheduleArrival(s, 0);
        // Midnight comes before anything else at the same time, so an event at exactly day d belongs to day d.
        long count = 0;
        for (var day = 0; day <= _model.TotalDays; day++)
        {
            OnDay(day);
            count++;
            while (_events.Count > 0 && _events.NextTime < day + 1)
            {
                var e = _events.Take();
                _now = e.Time;
                count++;
                switch (e.Kind)
                {
                    case ArrivalEvent:
                        OnArrival(e.Subject);
                        break;
                    case StayEndEvent:
                        OnStayEnd(e.Subject);
                        break;
                    default:
                        TryMoveOn(e.Subject);
                        break;
                }
            }
        }
        _result.Events = count;
        return _result;
    }

    private void Reset(Xoshiro random)
    {
        _random = random;
        _result = new ReplicationResult(_n, _model.ReportedDays);
        for (var i = 0; i < _n; i++)
        {
            _result.Levels[i] = new double[Math.Max(8, _model.Capacity[i].Max() + 1)];
            _occupied[i] = _waitingOutside[i] = _held[i] = 0;
            _last[i] = _occArea[i] = _queueArea[i] = _heldArea[i] = 0;
            _lines[i].Clear();
            Array.Clear(_committed[i]);
        }
        Array.Clear(_today);
        _events.Clear();
        _freeCount = _peopleCount = 0;
        _day = 0;
        _now = 0;
    }

    private void PlaceInitialState()
    {
        var groupOf = _model.Scenario.Groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i);
        var nodeOf = _model.Scenario.Nodes.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var initial in _model.Scenario.Initial)
        {
            var node = nodeOf[initial.Node];
            var group = groupOf[initial.Group];
            foreach (var remaining in initial.RemainingStays)
            {
                var p = NewPerson(group);
                ref var person = ref _people[p];
                person.Route = _model.PathwayOf(node, group).Choose(_random.NextDouble());
                person.At = node;
                person.Target = -1;
                person.State = InCare;
                person.EnteredAt = 0;
                _occupied[node]++;
                if (_model.IsVisitNode[node])
                    for (var d = 0; d < Math.Max(1, (int)Math.Ceiling(remaining)) && d <= _model.TotalDays; d++)
                        _committed[node][d] += _model.FinalVisits[node];
                _events.Schedule(remaining, StayEndEvent, p);
            }
            foreach (var waited in initial.Waiting)
            {
                var p = NewPerson(group);
                Choose(p, node);
                ref var person = ref _people[p];
                person.JoinedAt = -waited;
                person.External = true;
                _waitingOutside[node]++;
                _lines[node].Enqueue(p);
            }
        }
    }

    // ---- events ----

    private void OnArrival(int stream)
    {
        var s = _model.Streams[stream];
        var p = NewPerson(s.Group);
        _people[p].External = true;
        Arrive(p, s.Node);
        ScheduleArrival(stream, _now);
    }

    /// <summary>Poisson arrivals with a rate constant within each day: memorylessness lets a gap restart at midnight.</summary>
    private void ScheduleArrival(int stream, double from)
    {
        var rates = _model.Streams[stream].RatePerDay;
        var t = from;
        while (true)
        {
            var day = (int)t;
            if (day >= _model.TotalDays)
                return;
            var rate = rates[day];
            if (rate > 0)
            {
                var next = t - Math.Log(_random.NextOpen()) / rate;
                if (next < day + 1)
                {
                    _events.Schedule(next, ArrivalEvent, stream);
                    return;
                }
            }
            t = day + 1;
        }
    }

    private void OnStayEnd(int p)
    {
        ref var person = ref _people[p];
        var transfer = _model.PathwayOf(person.At, person.Group).TransferDelay[person.Route];
        if (transfer is null)
        {
            TryMoveOn(p);
            return;
        }
        Advance(person.At);
        person.State = InTransfer;
        _held[person.At]++;
        _events.Schedule(_now + transfer.Sample(_random), TransferEndEvent, p);
    }

    /// <summary>Ready to leave: out of the network, or on to the next node if it has room; else blocked in place.</summary>
    private void TryMoveOn(int p)
    {
        ref var person = ref _people[p];
        var at = person.At;
        var next = _model.PathwayOf(at, person.Group).Next[person.Route];
        if (person.State == InCare)
        {
            Advance(at);
            _held[at]++;
            person.State = Blocked;
        }
        if (next < 0)
        {
            Leave(p);
            ReleasePerson(p);
            Fill();
            return;
        }
        Arrive(p, next);
        Fill();
    }

    /// <summary>Midnight: closes the day that ended, opens the next, and starts whoever now fits.</summary>
    private void OnDay(int day)
    {
        _now = day;
        for (var i = 0; i < _n; i++)
            Advance(i, day);
        if (day > 0)
            CloseDay(day - 1);
        if (day >= _model.TotalDays)
            return;
        _day = day;
        for (var i = 0; i < _n; i++)
        {
            if (_model.IsVisitNode[i])
                _committed[i][day] += _held[i] * _model.FinalVisits[i];   // people staying on past their visit pattern
            MarkToFill(i);
        }
        Fill();
    }

    // ---- movement ----

    private void Arrive(int p, int node)
    {
        Choose(p, node);
        ref var person = ref _people[p];
        person.JoinedAt = _now;
        Count(node, Metric.Arrivals);
        if (_lines[node].Count == 0 && Fits(p, node, _day))
        {
            Start(p, node);
            return;
        }
        if (person.External)
        {
            var limit = _model.QueueLimit[node];
            if (limit >= 0 && _waitingOutside[node] >= limit)
            {
                Count(node, Metric.TurnedAway);
                ReleasePerson(p);
                return;
            }
            Advance(node);
            _waitingOutside[node]++;
        }
        Count(node, Metric.Waited);
        _lines[node].Enqueue(p);
    }

    /// <summary>Chooses the route at <paramref name="node"/>, which sets the stay there.</summary>
    private void Choose(int p, int node)
    {
        ref var person = ref _people[p];
        var pathway = _model.PathwayOf(node, person.Group);
        person.Target = node;
        person.PendingRoute = pathway.Choose(_random.NextDouble());
        person.Stay = pathway.Stay[person.PendingRoute].Sample(_random);
    }

    private bool Fits(int p, int node, int day)
    {
        var capacity = _model.Capacity[node];
        if (!_model.IsVisitNode[node])
            return _occupied[node] < capacity[day];
        var length = VisitDays(_people[p].Stay);
        var committed = _committed[node];
        var pattern = _model.Scenario.Nodes[node].Visits!;
        for (var k = 0; k < length && day + k < _model.TotalDays; k++)
            if (committed[day + k] + pattern.On(k, length) > capacity[day + k])
                return false;
        return true;
    }

    private static int VisitDays(double stay) => Math.Max(1, (int)Math.Ceiling(stay));

    private void Start(int p, int node)
    {
        ref var person = ref _people[p];
        if (person.At >= 0)
            Leave(p);
        if (person.External)
        {
            person.External = false;
        }
        Advance(node);
        person.At = node;
        person.Target = -1;
        person.Route = person.PendingRoute;
        person.State = InCare;
        person.EnteredAt = _now;
        _occupied[node]++;
        Count(node, Metric.Admissions);
        Count(node, Metric.WaitDays, _now - person.JoinedAt);
        if (_day >= _model.WarmUpDays && _day < _model.TotalDays)
        {
            var waited = _now - person.JoinedAt;
            _result.Waits[node][waited <= 0 ? 0 : Math.Min(ReplicationResult.MaxWaitDays + 1, (int)Math.Ceiling(waited))]++;
        }
        if (_model.IsVisitNode[node])
        {
            var length = VisitDays(person.Stay);
            var pattern = _model.Scenario.Nodes[node].Visits!;
            var committed = _committed[node];
            for (var k = 0; k < length && _day + k < _model.TotalDays; k++)
                committed[_day + k] += pattern.On(k, length);
        }
        _events.Schedule(_now + person.Stay, StayEndEvent, p);
    }

    /// <summary>Frees the place at the node the person occupies, and asks that node to take in whoever waits.</summary>
    private void Leave(int p)
    {
        ref var person = ref _people[p];
        var at = person.At;
        Advance(at);
        _occupied[at]--;
        if (person.State is InTransfer or Blocked)
            _held[at]--;
        Count(at, Metric.Departures);
        Count(at, Metric.DaysInNode, _now - person.EnteredAt);
        person.At = -1;
        // A visit node's room is in tomorrow's slots, which a leaver mid-day does not change: it fills at midnight.
        if (!_model.IsVisitNode[at])
            MarkToFill(at);
    }

    private void MarkToFill(int node)
    {
        if (_toFill[node])
            return;
        _toFill[node] = true;
        _fillStack[_fillCount++] = node;
    }

    /// <summary>Takes people in from the waiting lines while there is room, following moves down the chain.</summary>
    private void Fill()
    {
        while (_fillCount > 0)
        {
            var node = _fillStack[--_fillCount];
            _toFill[node] = false;
            var line = _lines[node];
            if (_model.IsVisitNode[node])
            {
                // First fit, in order: each person starts as soon as their whole pattern fits.
                for (int i = 0, n = line.Count; i < n; i++)
                {
                    var p = line.Dequeue();
                    if (Fits(p, node, _day))
                        TakeIn(p, node);
                    else
                        line.Enqueue(p);
                }
            }
            else
            {
                while (line.Count > 0 && _occupied[node] < _model.Capacity[node][_day])
                    TakeIn(line.Dequeue(), node);
            }
        }
    }

    private void TakeIn(int p, int node)
    {
        if (_people[p].External)
        {
            Advance(node);
            _waitingOutside[node]--;
        }
        Start(p, node);
    }

    // ---- accounting ----

    private void Advance(int node) => Advance(node, _now);

    private void Advance(int node, double now)
    {
        var dt = now - _last[node];
        if (dt <= 0)
            return;
        _occArea[node] += _occupied[node] * dt;
        _queueArea[node] += _waitingOutside[node] * dt;
        _heldArea[node] += _held[node] * dt;
        if (_day >= _model.WarmUpDays)
        {
            var levels = _result.Levels[node];
            var level = _occupied[node];
            if (level >= levels.Length)
            {
                Array.Resize(ref levels, Math.Max(level + 1, levels.Length * 2));
                _result.Levels[node] = levels;
            }
            levels[level] += dt;
        }
        _last[node] = now;
    }

    private void Count(int node, Metric metric, double amount = 1) => _today[node * _m + (int)metric] += amount;

    private void CloseDay(int day)
    {
        var reported = day - _model.WarmUpDays;
        for (var i = 0; i < _n; i++)
        {
            var row = i * _m;
            _today[row + (int)Metric.Occupancy] = _occArea[i];
            _today[row + (int)Metric.Queue] = _queueArea[i];
            _today[row + (int)Metric.Held] = _heldArea[i];
            _today[row + (int)Metric.DelayDays] = _queueArea[i] + _heldArea[i];
            _today[row + (int)Metric.Capacity] = _model.Capacity[i][day];
            _today[row + (int)Metric.Visits] = _model.IsVisitNode[i] ? _committed[i][day] : 0;
            _today[row + (int)Metric.Cost] = _occArea[i] * _model.CostPerDay[i] + _queueArea[i] * _model.WaitingCostPerDay[i];
            if (reported >= 0)
                Array.Copy(_today, row, _result.Daily, (i * _model.ReportedDays + reported) * _m, _m);
            _occArea[i] = _queueArea[i] = _heldArea[i] = 0;
        }
        Array.Clear(_today);
    }

    // ---- people ----

    private int NewPerson(int group)
    {
        int p;
        if (_freeCount > 0)
            p = _free[--_freeCount];
        else
        {
            if (_peopleCount == _people.Length)
                Array.Resize(ref _people, _people.Length * 2);
            p = _peopleCount++;
        }
        _people[p] = new Person { Group = group, At = -1, Target = -1 };
        return p;
    }

    private void ReleasePerson(int p)
    {
        if (_freeCount == _free.Length)
            Array.Resize(ref _free, _free.Length * 2);
        _free[_freeCount++] = p;
    }
}

/// <summary>A first-in, first-out line of people, in a growable ring buffer.</summary>
internal sealed class WaitLine
{
    private int[] _items = new int[64];
    private int _head;

    public int Count { get; private set; }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    public void Enqueue(int item)
    {
        if (Count == _items.Length)
        {
            var bigger = new int[_items.Length * 2];
            for (var i = 0; i < Count; i++)
                bigger[i] = _items[(_head + i) % _items.Length];
            _items = bigger;
            _head = 0;
        }
        _items[(_head + Count++) % _items.Length] = item;
    }

    public int Dequeue()
    {
        var item = _items[_head];
        _head = (_head + 1) % _items.Length;
        Count--;
        return item;
    }
}
