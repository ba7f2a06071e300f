namespace Homeward.Rotas.Carers;

/// <summary>A carer as the rota plans with them.</summary>
public sealed record CarerView(Guid Id, Guid ServiceId, string Name, IReadOnlyList<string> Skills, string? Postcode, double Latitude, double Longitude,
    TimeOnly ShiftStart, TimeOnly ShiftEnd, int BreakMinutes, TimeOnly BreakFrom, TimeOnly BreakTo, IReadOnlyList<string> Days, string? UserName,
    bool Active, int Version)
{
    public static CarerView From(CareWorker w) => new(w.Id, w.ServiceId, w.Name, [.. w.SkillSet.Order(StringComparer.Ordinal)], w.Postcode,
        w.Latitude, w.Longitude, w.ShiftStart, w.ShiftEnd, w.BreakMinutes, w.BreakFrom, w.BreakTo,
        [.. CarerRules.DayNames.Where((_, i) => (w.DaysWorked & (1 << i)) != 0)], w.UserName, w.Active, w.Version);
}

/// <summary>A team and its carers, those still working first.</summary>
public sealed record TeamView(TeamRotas.Team Team, IReadOnlyList<CarerView> Carers);
