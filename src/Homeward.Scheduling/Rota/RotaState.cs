namespace Homeward.Scheduling.Rota;

/// <summary>
/// A rota being searched, in flat arrays: which carer has each visit and in what order, and the times and cost that
/// follow. <see cref="Evaluate"/> recomputes every start time (as early as travel, the window, the break and any tied
/// visit allow) and the weighted cost. Rules that must hold (shift end, latest start at all, breaks on time, a tied
/// pair that cannot be timed) are costed so high that no search accepts breaking them once a plan keeps them.
/// </summary>
public sealed class RotaState
{
    /// <summary>The cost of each minute or instance of a broken rule.</summary>
    public const double Hard = 1_000_000;
    private const double Eps = 1e-6;

    public readonly int N;
    public readonly int M;
    public readonly RotaProblem Problem;
    private readonly int _places;
    private readonly double[] _time, _distance;
    public readonly int[] Place;
    public readonly double[] Duration, Earliest, Latest, LatestAtAll;
    public readonly bool[] Able; // [carer * N + visit]
    private readonly bool[] _known; // [carer * N + visit]
    public readonly bool[] HasKnown;
    public readonly int[] Partner; // -1 when not tied
    private readonly (int First, int Second, double Min, double Max)[] _links;
    private readonly int[] _carerStart, _carerEnd;
    private readonly double[] _shiftStart, _shiftEnd, _breakEarliest, _breakLatest, _breakDuration;

    public readonly List<int>[] Routes;
    public readonly int[] CarerOf;
    public readonly double[] Start, Arrival, BreakStart;
    private readonly double[] _bound, _routeDistance, _routeTime, _routeEnd, _clock;
    /// <summary>A visit's earliest start from its own round (before waiting for a tied visit).</summary>
    private readonly double[] _base;
    private readonly int[] _baseKnown, _startKnown, _next, _at, _linkOf;
    private readonly bool[] _taken;
    private readonly Stack<int> _work = new();
    private int _epoch;
    /// <summary>Rounds of pushing first visits later before an order is judged untimeable (a pair whose gap cannot be kept).</summary>
    private const int MaxRounds = 8;

    public RotaState(RotaProblem problem)
    {
        Problem = problem;
        var visits = problem.Visits;
        var carers = problem.Carers;
        (N, M) = (visits.Count, carers.Count);
        _places = Math.Max(visits.Select(v => v.Place).DefaultIfEmpty(0).Max(), carers.Select(c => Math.Max(c.Start, c.End)).DefaultIfEmpty(0).Max()) + 1;
        (_time, _distance) = (new double[_places * _places], new double[_places * _places]);
        var used = visits.Select(v => v.Place).Concat(carers.SelectMany(c => new[] { c.Start, c.End })).Distinct().ToArray();
        foreach (var p in used)
            foreach (var q in used)
                (_time[p * _places + q], _distance[p * _places + q]) = (problem.Travel.Time(p, q), problem.Travel.Distance(p, q));
        Place = [.. visits.Select(v => v.Place)];
        Duration = [.. visits.Select(v => v.Duration)];
        Earliest = [.. visits.Select(v => v.Earliest)];
        Latest = [.. visits.Select(v => v.Latest)];
        LatestAtAll = [.. visits.Select(v => v.LatestAtAll ?? double.PositiveInfinity)];
        (Able, _known) = (new bool[M * N], new bool[M * N]);
        for (var c = 0; c < M; c++)
            for (var v = 0; v < N; v++)
            {
                Able[c * N + v] = visits[v].Skill is null || carers[c].Skills.Contains(visits[v].Skill!);
                _known[c * N + v] = visits[v].KnownCarers.Contains(carers[c].Id);
            }
        HasKnown = [.. visits.Select(v => v.KnownCarers.Count > 0)];
        var index = visits.Select((v, i) => (v.Id, i)).ToDictionary(x => x.Id, x => x.i);
        Partner = Enumerable.Repeat(-1, N).ToArray();
        _links = [.. problem.Links.Select(l => (index[l.First], index[l.Second], l.MinGap, l.MaxGap))];
        foreach (var (a, b, _, _) in _links)
            (Partner[a], Partner[b]) = (b, a);
        _carerStart = [.. carers.Select(c => c.Start)];
        _carerEnd = [.. carers.Select(c => c.End)];
        _shiftStart = [.. carers.Select(c => c.ShiftStart)];
        _shiftEnd = [.. carers.Select(c => c.ShiftEnd)];
        _breakEarliest = [.. carers.Select(c => c.Break?.Earliest ?? 0)];
        _breakLatest = [.. carers.Select(c => c.Break?.Latest ?? 0)];
        _breakDuration = [.. carers.Select(c => c.Break?.Duration ?? 0)];

        Routes = [.. Enumerable.Range(0, M).Select(_ => new List<int>())];
        CarerOf = Enumerable.Repeat(-1, N).ToArray();
        (Start, Arrival, _bound) = (new double[N], new double[N], new double[N]);
        (BreakStart, _routeDistance, _routeTime, _routeEnd, _clock) = (new double[M], new double[M], new double[M], new double[M], new double[M]);
        (_base, _baseKnown, _startKnown) = (new double[N], new int[N], new int[N]);
        (_next, _at, _taken) = (new int[M], new int[M], new bool[M]);
        _linkOf = Enumerable.Repeat(-1, N).ToArray();
        for (var l = 0; l < _links.Length; l++)
            (_linkOf[_links[l].First], _linkOf[_links[l].Second]) = (l, l);
    }

    public double Time(int from, int to) => _time[from * _places + to];

    public double Travel(int fromVisit, int toVisit) => _time[Place[fromVisit] * _places + Place[toVisit]];

    public bool Known(int carer, int visit) => _known[carer * N + visit];

    public double ShiftStart(int carer) => _shiftStart[carer];

    public double ShiftEnd(int carer) => _shiftEnd[carer];

    public int CarerStartPlace(int carer) => _carerStart[carer];

    public void Assign(int visit, int carer, int position)
    {
        Routes[carer].Insert(position, visit);
        CarerOf[visit] = carer;
    }

    public int Remove(int visit)
    {
        var carer = CarerOf[visit];
        var position = Routes[carer].IndexOf(visit);
        Routes[carer].RemoveAt(position);
        CarerOf[visit] = -1;
        return position;
    }

    /// <summary>Recomputes every time and returns the weighted cost, rules that must hold included.</summary>
    public double Evaluate() => Evaluate(out _);

    public double Evaluate(out RotaCost parts)
    {
        foreach (var (a, b, _, _) in _links)
            (_bound[a], _bound[b]) = (0, 0);
        var broken = 0.0;
        for (var round = 0; ; round++)
        {
            if (!Pass())
            {
                // Tied visits waiting on each other round the rounds (a deadlock): no times exist for this order.
                broken += Hard * 1000;
                break;
            }
            // The second of a pair started too long after the first: the first waits (a later start), and all is timed again.
            var changed = false;
            foreach (var (a, b, _, max) in _links)
                if (CarerOf[a] >= 0 && CarerOf[b] >= 0 && Start[b] > Start[a] + max + Eps)
                    (_bound[a], changed) = (Start[b] - max, true);
            if (!changed)
                break;
            if (round >= MaxRounds)
            {
                broken += Hard * 1000;
                break;
            }
        }

        double dist = 0, travel = 0, late = 0, maxLate = 0;
        int lateVisits = 0, knownVisits = 0, withKnown = 0, unplanned = 0, used = 0;
        for (var c = 0; c < M; c++)
        {
            if (Routes[c].Count == 0)
                continue;
            used++;
            (dist, travel) = (dist + _routeDistance[c], travel + _routeTime[c]);
            broken += Hard * Math.Max(0, _routeEnd[c] - _shiftEnd[c]);
            if (_breakDuration[c] > 0 && !double.IsNaN(BreakStart[c]))
                broken += Hard * Math.Max(0, BreakStart[c] - _breakLatest[c]);
        }
        for (var v = 0; v < N; v++)
        {
            var c = CarerOf[v];
            if (c < 0)
            {
                unplanned++;
                continue;
            }
            var lateness = Math.Max(0, Start[v] - Latest[v]);
            if (lateness > Eps)
                (late, maxLate, lateVisits) = (late + lateness, Math.Max(maxLate, lateness), lateVisits + 1);
            broken += Hard * Math.Max(0, Start[v] - LatestAtAll[v]);
            if (HasKnown[v])
                (withKnown, knownVisits) = (withKnown + 1, knownVisits + (_known[c * N + v] ? 1 : 0));
        }
        foreach (var (a, b, min, max) in _links)
        {
            // Both or neither: half a double-handed visit is no visit.
            if ((CarerOf[a] < 0) != (CarerOf[b] < 0))
                broken += Hard;
            else if (CarerOf[a] >= 0 && min == 0 && max == 0 && CarerOf[a] == CarerOf[b])
                broken += Hard * 1000;
        }
        parts = new RotaCost(dist, travel, late, maxLate, lateVisits, knownVisits, withKnown, unplanned, used);
        return parts.Objective(Problem.Weights) + broken;
    }

    /// <summary>
    /// Times every round in one sweep: each carer's visits in order, as early as arrival, the window and any tied visit
    /// allow; a round waits at a tied visit until the other carer's side is known (the first of a pair a set time apart
    /// need not wait). The break is taken in a wait long enough to hold it, else before the first visit that would end
    /// after the break's latest start. False when rounds wait on each other for ever.
    /// </summary>
    private bool Pass()
    {
        _epoch++;
        _work.Clear();
        for (var c = M - 1; c >= 0; c--)
        {
            (_next[c], _clock[c], _at[c], _routeDistance[c], _routeTime[c]) = (0, _shiftStart[c], _carerStart[c], 0, 0);
            _taken[c] = _breakDuration[c] <= 0 || Routes[c].Count == 0;
            BreakStart[c] = double.NaN;
            _work.Push(c);
        }
        var finished = 0;
        while (_work.Count > 0)
            if (Advance(_work.Pop()))
                finished++;
        return finished == M;
    }

    /// <summary>Times a round from where it stopped; true when it reaches its end, false when it waits on another round.</summary>
    private bool Advance(int c)
    {
        var route = Routes[c];
        if (_next[c] > route.Count)
            return false; // finished already (woken again by a partner)
        while (_next[c] < route.Count)
        {
            var v = route[_next[c]];
            if (_baseKnown[v] != _epoch)
            {
                var (t, place) = (_clock[c], _at[c]);
                var to = Place[v];
                var leg = _time[place * _places + to];
                var s = Math.Max(Math.Max(t + leg, Earliest[v]), _bound[v]);
                if (!_taken[c])
                {
                    var b = Math.Max(t, _breakEarliest[c]);
                    if (b + _breakDuration[c] + leg <= s + Eps && b <= _breakLatest[c])
                        (BreakStart[c], _taken[c]) = (b, true);
                    else if (t >= _breakEarliest[c] - Eps || s + Duration[v] > _breakLatest[c])
                    {
                        (BreakStart[c], _taken[c], t) = (b, true, b + _breakDuration[c]);
                        s = Math.Max(Math.Max(t + leg, Earliest[v]), _bound[v]);
                    }
                }
                (Arrival[v], _base[v], _baseKnown[v]) = (t + leg, s, _epoch);
                _routeDistance[c] += _distance[place * _places + to];
                _routeTime[c] += leg;
                if (Partner[v] >= 0 && CarerOf[Partner[v]] >= 0)
                    _work.Push(CarerOf[Partner[v]]);
            }
            var start = _base[v];
            var p = Partner[v];
            if (p >= 0 && CarerOf[p] >= 0)
            {
                var link = _links[_linkOf[v]];
                if (link.Min == 0 && link.Max == 0)
                {
                    if (_baseKnown[p] != _epoch)
                        return false;
                    start = Math.Max(start, _base[p]);
                }
                else if (link.First == v)
                {
                    // The second's own round may already put it late: start the first no earlier than that allows.
                    if (_baseKnown[p] == _epoch)
                        start = Math.Max(start, _base[p] - link.Max);
                }
                else
                {
                    if (_startKnown[p] != _epoch)
                        return false;
                    start = Math.Max(start, Start[p] + link.Min);
                }
            }
            (Start[v], _startKnown[v]) = (start, _epoch);
            if (p >= 0 && CarerOf[p] >= 0)
                _work.Push(CarerOf[p]);
            (_clock[c], _at[c]) = (start + Duration[v], Place[v]);
            _next[c]++;
        }
        var home = _carerEnd[c];
        if (route.Count > 0)
        {
            _routeDistance[c] += _distance[_at[c] * _places + home];
            _routeTime[c] += _time[_at[c] * _places + home];
            _clock[c] += _time[_at[c] * _places + home];
        }
        _routeEnd[c] = _clock[c];
        _next[c]++; // past the end: finished
        return true;
    }
}
