using Homeward.Access;
using Homeward.Web.Auth;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// The access rule of an endpoint or page: the rights a role needs for it, and whether its route names one person's
/// record (a person, referral or episode id), so access also depends on the relationship with that person
/// (<see cref="AccessScope"/>). Every endpoint declares one; the authorisation matrix test fails on an endpoint without.
/// </summary>
public sealed record AccessRule(IReadOnlyList<Right> Rights, bool PersonRecord, bool Anonymous = false)
{
    public static readonly AccessRule Public = new([], false, Anonymous: true);
    public static readonly AccessRule AnySignedIn = new([], false);

    /// <summary>Throws <see cref="Homeward.Common.ForbiddenException"/> unless the actor's role has every right the rule needs.</summary>
    public void Demand(Actor actor)
    {
        foreach (var right in Rights)
            actor.Demand(right);
    }
}

/// <summary>Declares an endpoint's <see cref="AccessRule"/> and enforces its rights before the handler runs.</summary>
public static class AccessRuleExtensions
{
    /// <summary>Needs every one of <paramref name="rights"/>; not about one person's record.</summary>
    public static TBuilder Needs<TBuilder>(this TBuilder builder, params Right[] rights) where TBuilder : IEndpointConventionBuilder =>
        builder.Rule(new AccessRule(rights, PersonRecord: false));

    /// <summary>Needs the rights, and the route's id names one person's record: outside the relationship it answers 404.</summary>
    public static TBuilder NeedsForPerson<TBuilder>(this TBuilder builder, params Right[] rights) where TBuilder : IEndpointConventionBuilder =>
        builder.Rule(new AccessRule(rights, PersonRecord: true));

    /// <summary>Open to any signed-in user (it answers about the user themself).</summary>
    public static TBuilder ForAnySignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Rule(AccessRule.AnySignedIn);

    /// <summary>Open without signing in (sign-in itself, the FHIR capability statement).</summary>
    public static TBuilder ForEveryone<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Rule(AccessRule.Public).AllowAnonymous();

    private static TBuilder Rule<TBuilder>(this TBuilder builder, AccessRule rule) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(rule);
        if (rule.Rights.Count > 0)
            builder.AddEndpointFilter(async (context, next) =>
            {
                rule.Demand(context.HttpContext.Actor());
                return await next(context);
            });
        return builder;
    }
}

/// <summary>A page's <see cref="AccessRule"/>: the rights a role needs to open it. Enforced by <see cref="AccessRulePageFilter"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsAttribute(params Right[] rights) : Attribute
{
    public AccessRule Rule => new(rights, PersonRecord);

    /// <summary>The page's route id names one person's record (a person, referral or episode).</summary>
    public bool PersonRecord { get; set; }
}

/// <summary>Refuses a page to a role without the rights its <see cref="NeedsAttribute"/> names, before any handler runs.</summary>
public sealed class AccessRulePageFilter : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        if (context.ActionDescriptor.EndpointMetadata.OfType<NeedsAttribute>().FirstOrDefault() is { } needs
            && context.HttpContext.User.Identity?.IsAuthenticated == true)
            needs.Rule.Demand(context.HttpContext.Actor());
        await next();
    }
}
