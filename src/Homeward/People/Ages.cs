namespace Homeward.People;

/// <summary>Age in whole years: a birthday counts on the day itself (29 February birthdays on 28 February in other years).</summary>
public static class Ages
{
    public static int On(DateOnly dateOfBirth, DateOnly date)
    {
        var age = date.Year - dateOfBirth.Year;
        if (date < dateOfBirth.AddYears(age))
            age--;
        return age;
    }
}
