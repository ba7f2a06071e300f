namespace Homeward.UrgentResponse;

/// <summary>
/// The clinical conditions and needs an urgent community response answers within 2 hours (NHS England, "Urgent
/// community response: two-hour and two-day standard", 2022), and Other for a need outside the list.
/// </summary>
public enum UcrCondition
{
    Falls, DecompensationOfFrailty, ReducedFunction, PalliativeCrisis, UrgentEquipment, ConfusionOrDelirium,
    UrgentCatheterCare, UrgentDiabetesSupport, CarerBreakdown, Other,
}

/// <summary>Each condition's name and supportive definition as the standard gives them, for the form and the record.</summary>
public static class UcrConditions
{
    public sealed record Condition(UcrCondition Code, string Name, string Definition);

    public static readonly IReadOnlyList<Condition> All =
    [
        new(UcrCondition.Falls, "Falls",
            "With no apparent serious injury (head, back, hip, or a fracture ruled out) and no loss of consciousness."),
        new(UcrCondition.DecompensationOfFrailty, "Decompensation of frailty",
            "A sudden or disproportionate decline in function after a minor stressor, such as a urinary tract infection."),
        new(UcrCondition.ReducedFunction, "Reduced function, deconditioning or reduced mobility",
            "A change in the ability to manage at home and with daily living, gradual or sudden."),
        new(UcrCondition.PalliativeCrisis, "Palliative or end-of-life crisis support",
            "When core palliative services cannot respond: symptom control and pain relief at home, as the person wishes."),
        new(UcrCondition.UrgentEquipment, "Urgent equipment provision",
            "Equipment, with an assessment, that makes the person safe at home and avoids an admission."),
        new(UcrCondition.ConfusionOrDelirium, "Confusion or delirium",
            "New or increased confusion, an acute worsening of dementia, or delirium."),
        new(UcrCondition.UrgentCatheterCare, "Urgent catheter care",
            "A blocked or dislodged catheter, or another urgent catheter need."),
        new(UcrCondition.UrgentDiabetesSupport, "Urgent support for diabetes",
            "Hypoglycaemia or hyperglycaemia, or an urgent need with insulin, that can be managed at home."),
        new(UcrCondition.CarerBreakdown, "Unpaid carer breakdown",
            "The unpaid carer can no longer care, and without help the person would soon have a health care need."),
        new(UcrCondition.Other, "Other",
            "A need outside the nine above: say what it is."),
    ];

    public static Condition Of(UcrCondition code) => All.Single(c => c.Code == code);
}
