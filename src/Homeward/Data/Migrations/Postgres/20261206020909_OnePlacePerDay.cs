using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OnePlacePerDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PersonDays",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonDays", x => new { x.PersonId, x.Date });
                    table.ForeignKey(
                        name: "FK_PersonDays_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonDays_BookingId",
                table: "PersonDays",
                column: "BookingId");

            // The days people already hold; where two bookings already overlap (possible before this change), the first stands.
            migrationBuilder.Sql("INSERT INTO \"PersonDays\" (\"PersonId\", \"Date\", \"BookingId\") " +
                "SELECT b.\"PersonId\", d.\"Date\", b.\"Id\" FROM \"BookingDays\" d JOIN \"Bookings\" b ON b.\"Id\" = d.\"BookingId\" " +
                "WHERE b.\"Status\" IN ('Offered', 'Accepted') ORDER BY b.\"CreatedAt\" ON CONFLICT DO NOTHING;");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonDays");
        }
    }
}
