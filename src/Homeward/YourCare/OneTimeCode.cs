using System.Security.Cryptography;
using System.Text;
using Homeward.Common;
using Homeward.Data;
using Homeward.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.YourCare;

/// <summary>
/// A six-digit code sent to an e-mail address or mobile number to sign in to "Your care". Only its hash is kept; it works
/// once, for <see cref="SignInCodes.Lifetime"/>, and is spent after <see cref="SignInCodes.MaxTries"/> wrong tries.
/// </summary>
public sealed class OneTimeCode
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The normalised e-mail address (lower case) or mobile number (07…).</summary>
    public required string Destination { get; init; }
    public MessageChannel Channel { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public int Tries { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

public sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> e)
    {
        e.ToTable("OneTimeCodes");
        e.HasKey(c => c.Id);
        e.HasIndex(c => new { c.Destination, c.CreatedAt });
        e.Property(c => c.Destination).HasMaxLength(254);
        e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(10);
        e.Property(c => c.Hash).HasMaxLength(64);
    }
}

/// <summary>
/// Sign-in to "Your care" for people without NHS login: a code by e-mail or text. Asking for a code answers the same
/// whether or not the address is known (nobody learns who is in care by trying addresses); a code goes only where
/// <see cref="PublicAccess"/> finds someone to show, at most <see cref="PerWindow"/> in <see cref="Window"/>.
/// </summary>
public sealed class SignInCodes(HomewardDb db, PublicAccess access, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int PerWindow = 3;
    public const int MaxTries = 5;

    /// <summary>Reads what was typed as an e-mail address or a UK mobile number, or names the problem.</summary>
    public static (string Destination, MessageChannel Channel)? Parse(Problems problems, string field, string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            problems.Add(field, "Enter your e-mail address or mobile phone number.");
            return null;
        }
        if (typed.Contains('@'))
        {
            if (typed.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(typed.Trim(), out _))
                return (PublicIdentity.NormaliseEmail(typed), MessageChannel.Email);
            problems.Add(field, "Enter an e-mail address in the correct format, like name@example.com.");
            return null;
        }
        if (PublicIdentity.NormaliseMobile(typed) is { } mobile)
            return (mobile, MessageChannel.Text);
        problems.Add(field, "Enter a UK mobile phone number, like 07700 900982, or an e-mail address.");
        return null;
    }

    public async Task Send(string? typed, CancellationToken ct)
    {
        var problems = new Problems();
        var parsed = Parse(problems, "contact", typed);
        if (problems.Any || parsed is not { } checkedContact)
            throw problems.Failure();
        var (destination, channel) = checkedContact;
        var now = clock.GetUtcNow();
        if (await db.OneTimeCodes.CountAsync(c => c.Destination == destination && c.CreatedAt > now - Window, ct) >= PerWindow)
            return;
        var identity = Identity(destination, channel);
        if ((await access.Resolve(identity, ct)).Count == 0)
            return;
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var id = Guid.CreateVersion7();
        db.OneTimeCodes.Add(new OneTimeCode
        {
            Id = id, Destination = destination, Channel = channel, Hash = HashOf(id, code), CreatedAt = now, ExpiresAt = now + Lifetime,
        });
        // Sent by the outbox's sender within seconds, not here: an answer that took longer for a known address than an
        // unknown one would tell who is in care.
        db.OutboundMessages.Add(new OutboundMessage
        {
            Channel = channel, To = destination, Reason = MessageReason.SignInCode, About = id.ToString(), CreatedAt = now,
            Subject = "Your code to see your care",
            Body = $"Your code is {code}. Use it within 10 minutes to see your care. Do not share it with anyone. If you did not ask for it, you can ignore this.",
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The identity the code proves; refused with the problem named under "code".</summary>
    public async Task<PublicIdentity> Verify(string? typed, string? code, CancellationToken ct)
    {
        var problems = new Problems();
        var parsed = Parse(problems, "contact", typed);
        var digits = code?.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(digits))
            problems.Add("code", "Enter the code we sent you.");
        else if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
            problems.Add("code", "Enter the 6-digit code we sent you.");
        if (problems.Any || parsed is not { } checkedContact)
            throw problems.Failure();
        var (destination, channel) = checkedContact;
        var now = clock.GetUtcNow();
        var latest = await db.OneTimeCodes.Where(c => c.Destination == destination && c.UsedAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (latest is null || latest.Tries >= MaxTries)
            throw ValidationFailedException.For("code", "The code has expired or has been used. Ask for a new code.");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(latest.Id, digits!)), Encoding.ASCII.GetBytes(latest.Hash)))
        {
            latest.Tries++;
            await db.SaveChangesAsync(ct);
            throw ValidationFailedException.For("code", latest.Tries >= MaxTries
                ? "The code is not right, and it has now been tried too many times. Ask for a new code."
                : "The code is not right. Check it and try again.");
        }
        latest.UsedAt = now;
        await db.SaveChangesAsync(ct);
        return Identity(destination, channel);
    }

    private static PublicIdentity Identity(string destination, MessageChannel channel) => channel == MessageChannel.Email
        ? new PublicIdentity(PublicSignInMethod.EmailCode, destination, null, null)
        : new PublicIdentity(PublicSignInMethod.TextCode, null, destination, null);

    private static string HashOf(Guid id, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{id:N}:{code}")));
}
