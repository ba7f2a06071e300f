using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Rotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "People",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "People",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CareWorkers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Skills = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false),
                    ShiftStart = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    ShiftEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    BreakMinutes = table.Column<int>(type: "integer", nullable: false),
                    BreakFrom = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    BreakTo = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    DaysWorked = table.Column<int>(type: "integer", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareWorkers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Rotas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    BuiltAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BuiltBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SearchSeconds = table.Column<double>(type: "double precision", nullable: false),
                    Planned = table.Column<int>(type: "integer", nullable: false),
                    Unplanned = table.Column<int>(type: "integer", nullable: false),
                    TravelKm = table.Column<double>(type: "double precision", nullable: false),
                    TravelMinutes = table.Column<double>(type: "double precision", nullable: false),
                    LateMinutes = table.Column<double>(type: "double precision", nullable: false),
                    LateVisits = table.Column<int>(type: "integer", nullable: false),
                    KnownCarerVisits = table.Column<int>(type: "integer", nullable: false),
                    VisitsWithKnownCarers = table.Column<int>(type: "integer", nullable: false),
                    CarersUsed = table.Column<int>(type: "integer", nullable: false),
                    Adjustments = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rotas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RotaAssignments",
                columns: table => new
                {
                    RotaId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Second = table.Column<bool>(type: "boolean", nullable: false),
                    WorkerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Arrival = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotaAssignments", x => new { x.RotaId, x.VisitId, x.Second });
                    table.ForeignKey(
                        name: "FK_RotaAssignments_Rotas_RotaId",
                        column: x => x.RotaId,
                        principalTable: "Rotas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RotaGap",
                columns: table => new
                {
                    RotaId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Second = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotaGap", x => new { x.RotaId, x.VisitId, x.Second });
                    table.ForeignKey(
                        name: "FK_RotaGap_Rotas_RotaId",
                        column: x => x.RotaId,
                        principalTable: "Rotas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RotaWorkerDay",
                columns: table => new
                {
                    RotaId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkerId = table.Column<Guid>(type: "uuid", nullable: false),
                    BreakStart = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotaWorkerDay", x => new { x.RotaId, x.WorkerId });
                    table.ForeignKey(
                        name: "FK_RotaWorkerDay_Rotas_RotaId",
                        column: x => x.RotaId,
                        principalTable: "Rotas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CareWorkers_ServiceId",
                table: "CareWorkers",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_CareWorkers_UserName",
                table: "CareWorkers",
                column: "UserName");

            migrationBuilder.CreateIndex(
                name: "IX_RotaAssignments_VisitId",
                table: "RotaAssignments",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_RotaAssignments_WorkerId",
                table: "RotaAssignments",
                column: "WorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_Rotas_ServiceId_Date_Status",
                table: "Rotas",
                columns: new[] { "ServiceId", "Date", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CareWorkers");

            migrationBuilder.DropTable(
                name: "RotaAssignments");

            migrationBuilder.DropTable(
                name: "RotaGap");

            migrationBuilder.DropTable(
                name: "RotaWorkerDay");

            migrationBuilder.DropTable(
                name: "Rotas");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "People");
        }
    }
}
