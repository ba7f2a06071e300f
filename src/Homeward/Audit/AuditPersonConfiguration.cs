using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Audit;

internal sealed class AuditPersonConfiguration : IEntityTypeConfiguration<AuditPerson>
{
    public void Configure(EntityTypeBuilder<AuditPerson> e)
    {
        e.HasKey(p => new { p.AuditEntryId, p.PersonId });
        e.HasIndex(p => p.PersonId);    // who has looked at this record
    }
}
