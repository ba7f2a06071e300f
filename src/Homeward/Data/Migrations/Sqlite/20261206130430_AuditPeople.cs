using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Sqlite
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
                    AuditEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false)
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
CREATE TRIGGER homeward_audit_people_no_delete BEFORE DELETE ON "AuditPeople"
BEGIN SELECT RAISE(ABORT, 'The people an audit row lists cannot be deleted.'); END;
CREATE TRIGGER homeward_audit_people_no_change BEFORE UPDATE ON "AuditPeople"
BEGIN SELECT RAISE(ABORT, 'The people an audit row lists cannot be changed.'); END;
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER homeward_audit_people_no_delete;
DROP TRIGGER homeward_audit_people_no_change;
""");
            migrationBuilder.DropTable(
                name: "AuditPeople");
        }
    }
}
