using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GoalLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LevelExpected",
                table: "Goals",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LevelLess",
                table: "Goals",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LevelMore",
                table: "Goals",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LevelMuchLess",
                table: "Goals",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LevelMuchMore",
                table: "Goals",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LevelExpected",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "LevelLess",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "LevelMore",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "LevelMuchLess",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "LevelMuchMore",
                table: "Goals");
        }
    }
}
