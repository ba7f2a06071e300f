using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RoadTravel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Travel",
                table: "Rotas",
                type: "character varying(48)",
                maxLength: 48,
                nullable: false,
                defaultValue: "StraightLine");

            migrationBuilder.CreateTable(
                name: "RoadMatrix",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Places = table.Column<int>(type: "integer", nullable: false),
                    Estimated = table.Column<int>(type: "integer", nullable: false),
                    MadeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoadMatrix", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RoadMatrix_ServiceId_Date",
                table: "RoadMatrix",
                columns: new[] { "ServiceId", "Date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RoadMatrix");

            migrationBuilder.DropColumn(
                name: "Travel",
                table: "Rotas");
        }
    }
}
