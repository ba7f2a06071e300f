using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonAndFamily : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Partnerships",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "CareServices",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

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

            migrationBuilder.CreateTable(
                name: "ExperienceResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredBy = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Overall = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Involved = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    KnewWhatMatters = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    KnewWhoToContact = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    MoreAble = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FamilyListened = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Better = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperienceResponses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FamilyAccesses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    MobilePhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Messages = table.Column<bool>(type: "boolean", nullable: false),
                    Basis = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ConsentNotes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FamilyAccesses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    WentHome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HomeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeContacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OneTimeCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Destination = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Tries = table.Column<int>(type: "integer", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OneTimeCodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboundMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    To = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    About = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    GivenUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ProviderReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicViews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Viewer = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    FamilyAccessId = table.Column<Guid>(type: "uuid", nullable: true),
                    Via = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CorrelationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicViews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HomeContactAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HomeContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reached = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeContactAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeContactAttempts_HomeContacts_HomeContactId",
                        column: x => x.HomeContactId,
                        principalTable: "HomeContacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateIndex(
                name: "IX_ExperienceResponses_At",
                table: "ExperienceResponses",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ExperienceResponses_EpisodeId",
                table: "ExperienceResponses",
                column: "EpisodeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FamilyAccesses_Email",
                table: "FamilyAccesses",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyAccesses_MobilePhone",
                table: "FamilyAccesses",
                column: "MobilePhone");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyAccesses_PersonId",
                table: "FamilyAccesses",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeContactAttempts_HomeContactId",
                table: "HomeContactAttempts",
                column: "HomeContactId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeContacts_CompletedAt_DueBy",
                table: "HomeContacts",
                columns: new[] { "CompletedAt", "DueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeContacts_EpisodeId",
                table: "HomeContacts",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_OneTimeCodes_Destination_CreatedAt",
                table: "OneTimeCodes",
                columns: new[] { "Destination", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_PersonId_CreatedAt",
                table: "OutboundMessages",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_Reason_About_To",
                table: "OutboundMessages",
                columns: new[] { "Reason", "About", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_SentAt_GivenUpAt_CreatedAt",
                table: "OutboundMessages",
                columns: new[] { "SentAt", "GivenUpAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicViews_PersonId_At",
                table: "PublicViews",
                columns: new[] { "PersonId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CarerInvolvements");

            migrationBuilder.DropTable(
                name: "ExperienceResponses");

            migrationBuilder.DropTable(
                name: "FamilyAccesses");

            migrationBuilder.DropTable(
                name: "HomeContactAttempts");

            migrationBuilder.DropTable(
                name: "OneTimeCodes");

            migrationBuilder.DropTable(
                name: "OutboundMessages");

            migrationBuilder.DropTable(
                name: "PublicViews");

            migrationBuilder.DropTable(
                name: "HomeContacts");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "Partnerships");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "CareServices");
        }
    }
}
