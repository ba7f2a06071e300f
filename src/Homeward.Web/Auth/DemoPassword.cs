using Homeward.Access;
using Homeward.Demo;
using Microsoft.AspNetCore.Identity;

namespace Homeward.Web.Auth;

/// <summary>
/// Whether this start shows the demo: by default in Development (the README's run command) and in the tests, never in
/// production unless <c>Demo:Seed=true</c> says so. Off the demo, the published demo password is refused wherever a
/// password is checked or chosen, so a demo account or a copied password cannot open a real partnership's records.
/// </summary>
public sealed class DemoPassword(bool demo)
{
    public bool Demo { get; } = demo;

    public static DemoPassword From(IConfiguration config, IHostEnvironment environment) =>
        new(config.GetValue("Demo:Seed", environment.IsDevelopment() || environment.IsEnvironment("Testing")));

    public bool Refused(string? password) => !Demo && password == DemoAccounts.Password;

    /// <summary>Refuses the published demo password as anyone's new password, off the demo.</summary>
    public sealed class Validator(DemoPassword demo) : IPasswordValidator<HomewardUser>
    {
        public Task<IdentityResult> ValidateAsync(UserManager<HomewardUser> manager, HomewardUser user, string? password) =>
            Task.FromResult(demo.Refused(password)
                ? IdentityResult.Failed(new IdentityError { Code = "DemoPassword", Description = "That password is published with the demo: choose another." })
                : IdentityResult.Success);
    }
}
