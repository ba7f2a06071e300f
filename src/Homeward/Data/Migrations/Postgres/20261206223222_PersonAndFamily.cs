using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonAndFamily : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CarerInvolvements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ContactPreference = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    IdentifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IdentifiedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Willingness = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Ability = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    AskedNotes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AskedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    InformationGiven = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    InformedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    InformedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AssessmentOffer = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    AssessmentReferredTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OfferedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OfferedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarerInvolvements", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CarerInvolvements_EpisodeId",
                table: "CarerInvolvements",
                column: "EpisodeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CarerInvolvements_PersonId",
                table: "CarerInvolvements",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CarerInvolvements");
        }
    }
}
