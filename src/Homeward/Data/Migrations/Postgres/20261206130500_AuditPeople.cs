using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <summary>The people a list view or export showed, one row each under its audit row; never changed or deleted (decision 030).</summary>
    public partial class AuditPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditPeople",
                columns: table => new
                {
                    AuditEntryId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditPeople", x => new { x.AuditEntryId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_AuditPeople_AuditEntries_AuditEntryId",
                        column: x => x.AuditEntryId,
                        principalTable: "AuditEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditPeople_PersonId",
                table: "AuditPeople",
                column: "PersonId");

            migrationBuilder.Sql("""
CREATE OR REPLACE FUNCTION homeward_audit_people_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The people an audit row lists cannot be changed or deleted.' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER homeward_audit_people_guard BEFORE UPDATE OR DELETE ON "AuditPeople" FOR EACH ROW EXECUTE FUNCTION homeward_audit_people_guard();
CREATE TRIGGER homeward_audit_people_no_truncate BEFORE TRUNCATE ON "AuditPeople" FOR EACH STATEMENT EXECUTE FUNCTION homeward_audit_people_guard();
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER homeward_audit_people_guard ON "AuditPeople";
DROP TRIGGER homeward_audit_people_no_truncate ON "AuditPeople";
DROP FUNCTION homeward_audit_people_guard();
""");
            migrationBuilder.DropTable(
                name: "AuditPeople");
        }
    }
}
