using Homeward.Bench;
using Homeward.Demo;

// dotnet run -c Release --project bench/Homeward.Bench -- county [Small|Standard|Large] [Sqlite|Postgres CONNECTION]
// dotnet run -c Release --project bench/Homeward.Bench -- board  [Sqlite|Postgres CONNECTION]
// dotnet run -c Release --project bench/Homeward.Bench -- booking [Sqlite|Postgres CONNECTION]
// dotnet run -c Release --project bench/Homeward.Bench -- figures [Sqlite|Postgres CONNECTION]
// dotnet run -c Release --project bench/Homeward.Bench -- solomon [SECONDS] [Distance|VehiclesThenDistance] [INSTANCE ...]
// dotnet run -c Release --project bench/Homeward.Bench -- homecare [SECONDS]
// dotnet run -c Release --project bench/Homeward.Bench -- simulation [all|engine|planning|simpy|optimise [scenario file]]
// dotnet run -c Release --project bench/Homeward.Bench -- urgent [SECONDS]
// dotnet run -c Release --project bench/Homeward.Bench -- rota-day [SECONDS ...]
// dotnet run -c Release --project bench/Homeward.Bench -- rota-day-roads POSTGRES-CONNECTION [SECONDS ...]   (an empty database; pgRouting)
// dotnet run -c Release --project bench/Homeward.Bench -- fhir-validation [REFERRALS]
// dotnet run -c Release --project bench/Homeward.Bench -- schedule INSTANCE [SECONDS] [OUT]   (Solomon text or home care JSON)
// dotnet run -c Release --project bench/Homeward.Bench -- validate INSTANCE SOLUTION
// dotnet run -c Release --project bench/Homeward.Bench -- load BASEURL [USERS] [SECONDS] [ACKFILE]   (see bench/region.sh)
switch (args.ElementAtOrDefault(0))
{
    case "people":
        await PeopleBench.Run(args.Length > 1 ? args[1] : "Sqlite", args.Length > 2 ? args[2] : null);
        break;
    case "board":
        await BoardBench.Run(args.ElementAtOrDefault(1) ?? "Sqlite", args.ElementAtOrDefault(2));
        break;
    case "figures":
        await FiguresBench.Run(args.ElementAtOrDefault(1) ?? "Sqlite", args.ElementAtOrDefault(2));
        break;
    case "delivered":
        await DeliveredBench.Run(args.ElementAtOrDefault(1) ?? "Sqlite", args.ElementAtOrDefault(2));
        break;
    case "schedule" when args.Length >= 2:
        return await ScheduleCommand.Solve(args[1], int.Parse(args.ElementAtOrDefault(2) ?? "10", System.Globalization.CultureInfo.InvariantCulture),
            args.ElementAtOrDefault(3), CancellationToken.None);
    case "load" when args.Length >= 2:
        return await LoadBench.Run(args[1], int.Parse(args.ElementAtOrDefault(2) ?? "200", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(args.ElementAtOrDefault(3) ?? "600", System.Globalization.CultureInfo.InvariantCulture), args.ElementAtOrDefault(4));
    case "validate" when args.Length == 3:
        return await ScheduleCommand.Validate(args[1], args[2], CancellationToken.None);
    case "solomon":
        await SolomonBench.Run(int.Parse(args.ElementAtOrDefault(1) ?? "10", System.Globalization.CultureInfo.InvariantCulture), [.. args.Skip(3)],
            Enum.Parse<Homeward.Routing.Objective>(args.ElementAtOrDefault(2) ?? "Distance", ignoreCase: true));
        break;
    case "homecare":
        await HomeCareBench.Run(int.Parse(args.ElementAtOrDefault(1) ?? "10", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "rota-day-roads" when args.Length >= 2:
        await RoadDayBench.Run(args[1], args.Length > 2 ? [.. args.Skip(2).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))] : [60]);
        break;
    case "rota-day":
        RotaDayBench.Run(args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))] : [10, 60]);
        break;
    case "urgent":
        await UrgentBench.Run(int.Parse(args.ElementAtOrDefault(1) ?? "2", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "fhir-validation":
        FhirValidationBench.Run(int.Parse(args.ElementAtOrDefault(1) ?? "500", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "simulation":
        await SimulationBench.Run(args.ElementAtOrDefault(1) ?? "all", [.. args.Skip(2)]);
        break;
    case "booking":
        await BookingBench.Run(args.ElementAtOrDefault(1) ?? "Sqlite", args.ElementAtOrDefault(2));
        break;
    case "county":
        await CountyBench.Run(Enum.Parse<DemoSize>(args.ElementAtOrDefault(1) ?? "Large", ignoreCase: true),
            args.ElementAtOrDefault(2) ?? "Sqlite", args.ElementAtOrDefault(3));
        break;
    default:
        Console.Error.WriteLine("Usage: Homeward.Bench county [Small|Standard|Large] [Sqlite|Postgres CONNECTION] | board | booking [Sqlite|Postgres CONNECTION]");
        return 2;
}
return 0;
