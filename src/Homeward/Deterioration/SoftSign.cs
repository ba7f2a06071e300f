namespace Homeward.Deterioration;

/// <summary>
/// The soft signs a carer can see that someone is becoming unwell (after RESTORE2's "soft signs"), said in the words a
/// carer would use. Any one of them is worth a call: the hub and the rapid response team are told at once.
/// </summary>
public enum SoftSign
{
    NewOrWorseConfusion,
    NotEatingOrDrinking,
    LessMobileOrAFall,
    MoreSleepyOrDrowsy,
    NewPain,
    PassingLessUrine,
    BreathingDifferent,
    SkinPaleMottledOrClammy,
    NotThemselves,
}

public static class SoftSigns
{
    public static string Words(this SoftSign sign) => sign switch
    {
        SoftSign.NewOrWorseConfusion => "New or worse confusion",
        SoftSign.NotEatingOrDrinking => "Not eating or drinking as usual",
        SoftSign.LessMobileOrAFall => "Less mobile than usual, or has had a fall",
        SoftSign.MoreSleepyOrDrowsy => "More sleepy or drowsy",
        SoftSign.NewPain => "New pain",
        SoftSign.PassingLessUrine => "Passing less urine, or new incontinence",
        SoftSign.BreathingDifferent => "Breathing looks different",
        SoftSign.SkinPaleMottledOrClammy => "Skin pale, mottled or clammy",
        _ => "Not themselves: the carer or family are worried",
    };
}
