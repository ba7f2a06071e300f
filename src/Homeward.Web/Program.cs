using Homeward.Web;

var app = HomewardApp.Build(args);
await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
