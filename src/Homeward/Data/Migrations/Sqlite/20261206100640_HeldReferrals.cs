using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HeldReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HeldReferrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentName = table.Column<string>(type: "TEXT", maxLength: 210, nullable: false),
                    Differing = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RequestJson = table.Column<string>(type: "TEXT", nullable: false),
                    SentWithJson = table.Column<string>(type: "TEXT", nullable: true),
                    SenderReference = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Route = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SenderUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SenderUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SenderRole = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    SenderOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HeldReferrals_People_HeldPersonId",
                        column: x => x.HeldPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HeldReferrals_HeldPersonId",
                table: "HeldReferrals",
                column: "HeldPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_HeldReferrals_SenderReference",
                table: "HeldReferrals",
                column: "SenderReference");

            migrationBuilder.CreateIndex(
                name: "IX_HeldReferrals_Status",
                table: "HeldReferrals",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HeldReferrals");
        }
    }
}
