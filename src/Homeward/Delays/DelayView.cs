using Homeward.Access;

namespace Homeward.Delays;

public sealed record DelayEntryView(DelayReason Reason, string ReasonLabel, DelayAgency Agency, string AgencyLabel, string? Detail,
    DateOnly Since, DateTimeOffset RecordedAt, string RecordedBy, Role RecordedByRole)
{
    public static DelayEntryView From(DelayEntry e) =>
        new(e.Reason, e.Reason.Label(), e.Reason.Agency(), e.Reason.Agency().Label(), e.Detail, e.Since, e.RecordedAt, e.RecordedByName, e.RecordedByRole);
}

/// <summary>
/// An episode's delay ledger: the Discharge Ready Date, the days delayed (to today while the person is still in
/// hospital, to the discharge day after), whether reasons may still be recorded, the current reason and every line.
/// </summary>
public sealed record DelayLedgerView(DateOnly? DischargeReadyDate, int? DaysDelayed, bool Open, DelayEntryView? Current,
    IReadOnlyList<DelayEntryView> Entries);
