using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CarerRoundOnPhone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ArrivedMetres",
                table: "Visits",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LeftMetres",
                table: "Visits",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OnPhone",
                table: "Visits",
                type: "boolean",
                nullable: false,
                defaultValue: false);

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
                name: "Observations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SoftSigns = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    RespirationRate = table.Column<int>(type: "integer", nullable: true),
                    SpO2 = table.Column<int>(type: "integer", nullable: true),
                    Scale2 = table.Column<bool>(type: "boolean", nullable: true),
                    OnOxygen = table.Column<bool>(type: "boolean", nullable: true),
                    SystolicBp = table.Column<int>(type: "integer", nullable: true),
                    Pulse = table.Column<int>(type: "integer", nullable: true),
                    Consciousness = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    Temperature = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: true),
                    News2 = table.Column<int>(type: "integer", nullable: true),
                    Response = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    StepUp = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Observations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Observations_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoundAcknowledgements",
                columns: table => new
                {
                    WorkerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Round = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundAcknowledgements", x => new { x.WorkerId, x.Date });
                });

            migrationBuilder.CreateTable(
                name: "VisitActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    WorkerId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Metres = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitActions", x => x.Id);
                });

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
                name: "IX_Observations_EpisodeId_At",
                table: "Observations",
                columns: new[] { "EpisodeId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Observations_StepUp_RecordedAt",
                table: "Observations",
                columns: new[] { "StepUp", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitActions_Outcome_ReceivedAt",
                table: "VisitActions",
                columns: new[] { "Outcome", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitActions_VisitId",
                table: "VisitActions",
                column: "VisitId");

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
                name: "Observations");

            migrationBuilder.DropTable(
                name: "RoundAcknowledgements");

            migrationBuilder.DropTable(
                name: "VisitTaskRecords");

            migrationBuilder.DropTable(
                name: "VisitActions");

            migrationBuilder.DropColumn(
                name: "ArrivedMetres",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "LeftMetres",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "OnPhone",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "Medicines",
                table: "CarePlans");

            migrationBuilder.DropColumn(
                name: "Tasks",
                table: "CarePlans");
        }
    }
}
