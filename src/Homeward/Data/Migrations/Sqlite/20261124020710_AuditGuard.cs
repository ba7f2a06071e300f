using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Sqlite
{
    /// <summary>The database refuses to delete or change an audit row, except to seal it (decision 016).</summary>
    public partial class AuditGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE TRIGGER homeward_audit_no_delete BEFORE DELETE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'Audit rows cannot be deleted.'); END;
CREATE TRIGGER homeward_audit_no_change BEFORE UPDATE ON "AuditEntries"
WHEN OLD."Sequence" IS NOT NULL OR OLD."Hash" IS NOT NULL
  OR NEW."Id" IS NOT OLD."Id" OR NEW."At" IS NOT OLD."At" OR NEW."UserId" IS NOT OLD."UserId" OR NEW."UserName" IS NOT OLD."UserName"
  OR NEW."Role" IS NOT OLD."Role" OR NEW."OrganisationId" IS NOT OLD."OrganisationId" OR NEW."PersonId" IS NOT OLD."PersonId"
  OR NEW."Action" IS NOT OLD."Action" OR NEW."EntityId" IS NOT OLD."EntityId" OR NEW."Outcome" IS NOT OLD."Outcome"
  OR NEW."CorrelationId" IS NOT OLD."CorrelationId"
BEGIN SELECT RAISE(ABORT, 'Audit rows cannot be changed.'); END;
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER homeward_audit_no_delete;
DROP TRIGGER homeward_audit_no_change;
""");
        }
    }
}
