using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Capacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CareServices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Pathway = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    DefaultDailyCapacity = table.Column<int>(type: "INTEGER", nullable: false),
                    DoubleHanded = table.Column<bool>(type: "INTEGER", nullable: false),
                    AcceptingAdmissions = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareServices", x => x.Id);
                    table.CheckConstraint("CK_CareServices_DefaultDailyCapacity", "\"DefaultDailyCapacity\" >= 0");
                    table.ForeignKey(
                        name: "FK_CareServices_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Bookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VisitsPerDayAtStart = table.Column<int>(type: "INTEGER", nullable: true),
                    VisitsPerDayAtEnd = table.Column<int>(type: "INTEGER", nullable: true),
                    MinutesPerVisit = table.Column<int>(type: "INTEGER", nullable: true),
                    DoubleHanded = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RespondedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReleasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bookings_CareServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "CareServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Bookings_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CapacityDays",
                columns: table => new
                {
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Booked = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityDays", x => new { x.ServiceId, x.Date });
                    table.CheckConstraint("CK_CapacityDays_Booked", "\"Booked\" >= 0");
                    table.CheckConstraint("CK_CapacityDays_Capacity", "\"Capacity\" >= 0 AND \"Capacity\" <= 1000000");
                    table.ForeignKey(
                        name: "FK_CapacityDays_CareServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "CareServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceLocalities",
                columns: table => new
                {
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocalityId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceLocalities", x => new { x.ServiceId, x.LocalityId });
                    table.ForeignKey(
                        name: "FK_ServiceLocalities_CareServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "CareServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServiceLocalities_Localities_LocalityId",
                        column: x => x.LocalityId,
                        principalTable: "Localities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BookingDays",
                columns: table => new
                {
                    BookingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingDays", x => new { x.BookingId, x.Date });
                    table.CheckConstraint("CK_BookingDays_Amount", "\"Amount\" > 0");
                    table.ForeignKey(
                        name: "FK_BookingDays_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_EpisodeId",
                table: "Bookings",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_PersonId_Status",
                table: "Bookings",
                columns: new[] { "PersonId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ServiceId_Status",
                table: "Bookings",
                columns: new[] { "ServiceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CareServices_OrganisationId",
                table: "CareServices",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLocalities_LocalityId",
                table: "ServiceLocalities",
                column: "LocalityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BookingDays");

            migrationBuilder.DropTable(
                name: "CapacityDays");

            migrationBuilder.DropTable(
                name: "ServiceLocalities");

            migrationBuilder.DropTable(
                name: "Bookings");

            migrationBuilder.DropTable(
                name: "CareServices");
        }
    }
}
