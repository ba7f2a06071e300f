using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClientLevelDataPersonDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccommodationStatus",
                table: "People",
                type: "TEXT",
                maxLength: 48,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ethnicity",
                table: "People",
                type: "TEXT",
                maxLength: 48,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrimarySupportReason",
                table: "People",
                type: "TEXT",
                maxLength: 48,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccommodationStatus",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Ethnicity",
                table: "People");

            migrationBuilder.DropColumn(
                name: "PrimarySupportReason",
                table: "People");
        }
    }
}
