using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SkillsPostcodesCarers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Skill",
                table: "Visits",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Postcode",
                table: "CareWorkers",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "CareWorkers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "Skill",
                table: "CarePlans",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PostcodeLocations",
                columns: table => new
                {
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostcodeLocations", x => x.Postcode);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PostcodeLocations_District",
                table: "PostcodeLocations",
                column: "District");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PostcodeLocations");

            migrationBuilder.DropColumn(
                name: "Skill",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "Postcode",
                table: "CareWorkers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "CareWorkers");

            migrationBuilder.DropColumn(
                name: "Skill",
                table: "CarePlans");
        }
    }
}
