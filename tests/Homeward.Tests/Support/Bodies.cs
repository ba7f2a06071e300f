using Homeward.People;

namespace Homeward.Tests.Support;

/// <summary>Valid referral bodies to start from; each test changes what it is about.</summary>
public static class Bodies
{
    private static int _next = 100;

    /// <summary>A fresh valid NHS number in the 999 test range.</summary>
    public static string NewNhsNumber()
    {
        while (true)
        {
            var nine = "999" + Interlocked.Increment(ref _next).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)
                .PadLeft(6, '0')[^6..];
            if (NhsNumber.CheckDigit(nine) is { } check)
                return nine + check;
        }
    }

    public static Dictionary<string, object?> Person(string? nhsNumber = null) => new()
    {
        ["nhsNumber"] = nhsNumber ?? NewNhsNumber(),
        ["givenName"] = "Ada",
        ["familyName"] = "Testperson",
        ["dateOfBirth"] = "1941-03-04",
        ["gender"] = "Female",
        ["addressLine1"] = "1 Mill Lane",
        ["town"] = "Northvale",
        ["postcode"] = "nv1 2ab",
        ["gpPracticeCode"] = "ZN001",
        ["usualResidence"] = "OwnHome",
        ["consent"] = "Given",
    };

    public static Dictionary<string, object?> HospitalDischarge(string? nhsNumber = null) => new()
    {
        ["person"] = Person(nhsNumber),
        ["route"] = "HospitalDischarge",
        ["source"] = "Ward",
        ["referrerName"] = "Integrated discharge team",
        ["reason"] = "Needs help with personal care after a fall",
        ["hospital"] = "Vale General Hospital",
        ["ward"] = "Elm",
        ["admittedOn"] = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd"),
        ["dischargeReadyDate"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"),
    };

    public static Dictionary<string, object?> UrgentCommunityResponse(string? nhsNumber = null) => new()
    {
        ["person"] = Person(nhsNumber),
        ["route"] = "UrgentCommunityResponse",
        ["source"] = "Family",
        ["referrerName"] = "Daughter",
        ["reason"] = "Fall at home, cannot get up unaided",
    };
}
