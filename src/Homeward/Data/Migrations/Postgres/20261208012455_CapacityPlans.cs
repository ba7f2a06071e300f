using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CapacityPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CapacityPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Start = table.Column<DateOnly>(type: "date", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    Growth = table.Column<double>(type: "double precision", nullable: false),
                    Target = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    Meets = table.Column<bool>(type: "boolean", nullable: false),
                    Cost = table.Column<double>(type: "double precision", nullable: false),
                    TodayCost = table.Column<double>(type: "double precision", nullable: false),
                    Seconds = table.Column<double>(type: "double precision", nullable: false),
                    ScenarioJson = table.Column<string>(type: "text", nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityPlans", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityPlans_CreatedAt",
                table: "CapacityPlans",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CapacityPlans");
        }
    }
}
