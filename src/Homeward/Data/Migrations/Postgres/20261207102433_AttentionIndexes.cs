using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AttentionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_CompletedAt_DueOn",
                table: "FollowUps",
                columns: new[] { "CompletedAt", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_ReferredAt",
                table: "Episodes",
                column: "ReferredAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FollowUps_CompletedAt_DueOn",
                table: "FollowUps");

            migrationBuilder.DropIndex(
                name: "IX_Episodes_ReferredAt",
                table: "Episodes");
        }
    }
}
