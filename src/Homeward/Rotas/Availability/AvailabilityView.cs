namespace Homeward.Rotas.Availability;

/// <summary>A change to a carer's week as shown and answered: its kind in words, the days, the hours or the time away from.</summary>
public sealed record AvailabilityView(Guid Id, Guid WorkerId, AvailabilityKind Kind, string Description, DateOnly From, DateOnly To, TimeOnly? FromTime,
    TimeOnly? ShiftStart, TimeOnly? ShiftEnd, string? Note, string RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? WithdrawnAt, string? WithdrawnBy)
{
    public static AvailabilityView Of(AvailabilityChange c) => new(c.Id, c.WorkerId, c.Kind, Describe(c), c.From, c.To, c.FromTime, c.ShiftStart,
        c.ShiftEnd, c.Note, c.RecordedBy, c.RecordedAt, c.WithdrawnAt, c.WithdrawnBy);

    private static string Describe(AvailabilityChange c)
    {
        var days = c.From == c.To ? $"{c.From:ddd d MMM yyyy}" : $"{c.From:ddd d MMM} to {c.To:ddd d MMM yyyy}";
        return c.Kind == AvailabilityKind.ChangedHours
            ? $"Works {c.ShiftStart:HH:mm}–{c.ShiftEnd:HH:mm}, {days}"
            : $"{CarerDay.Name(c.Kind)}{(c.FromTime is { } t ? $" from {t:HH:mm}" : "")}, {days}";
    }
}
