using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <summary>The database refuses to delete or change an audit row, except to seal it (decision 016).</summary>
    public partial class AuditGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
CREATE OR REPLACE FUNCTION homeward_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'Audit rows cannot be deleted.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- The one change allowed: sealing a row (its place in the chain and its hash, both empty until then).
    IF OLD."Sequence" IS NOT NULL OR OLD."Hash" IS NOT NULL
       OR NEW."Id" IS DISTINCT FROM OLD."Id" OR NEW."At" IS DISTINCT FROM OLD."At"
       OR NEW."UserId" IS DISTINCT FROM OLD."UserId" OR NEW."UserName" IS DISTINCT FROM OLD."UserName"
       OR NEW."Role" IS DISTINCT FROM OLD."Role" OR NEW."OrganisationId" IS DISTINCT FROM OLD."OrganisationId"
       OR NEW."PersonId" IS DISTINCT FROM OLD."PersonId" OR NEW."Action" IS DISTINCT FROM OLD."Action"
       OR NEW."EntityId" IS DISTINCT FROM OLD."EntityId" OR NEW."Outcome" IS DISTINCT FROM OLD."Outcome"
       OR NEW."CorrelationId" IS DISTINCT FROM OLD."CorrelationId" THEN
        RAISE EXCEPTION 'Audit rows cannot be changed.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER homeward_audit_guard BEFORE UPDATE OR DELETE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION homeward_audit_guard();
CREATE TRIGGER homeward_audit_no_truncate BEFORE TRUNCATE ON "AuditEntries" FOR EACH STATEMENT EXECUTE FUNCTION homeward_audit_guard();
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER homeward_audit_guard ON "AuditEntries";
DROP TRIGGER homeward_audit_no_truncate ON "AuditEntries";
DROP FUNCTION homeward_audit_guard();
""");
        }
    }
}
