using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VisitTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Medicines",
                table: "CarePlans",
                type: "character varying(7200)",
                maxLength: 7200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tasks",
                table: "CarePlans",
                type: "character varying(7200)",
                maxLength: 7200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "VisitTaskRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitTaskRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitTaskRecords_VisitActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "VisitActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VisitTaskRecords_ActionId",
                table: "VisitTaskRecords",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitTaskRecords_VisitId_Position",
                table: "VisitTaskRecords",
                columns: new[] { "VisitId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VisitTaskRecords");

            migrationBuilder.DropColumn(
                name: "Medicines",
                table: "CarePlans");

            migrationBuilder.DropColumn(
                name: "Tasks",
                table: "CarePlans");
        }
    }
}
