using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Homeward.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PeopleNamePrefixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Finding people by the start of a name (FindPeople: upper(name) LIKE 'SMI%') uses these rather than reading
            // every person: at a region's size (600,000 people) a search went from a whole-table scan to an index range.
            migrationBuilder.Sql("CREATE INDEX \"IX_People_FamilyName_Upper\" ON \"People\" (upper(\"FamilyName\") text_pattern_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_People_GivenName_Upper\" ON \"People\" (upper(\"GivenName\") text_pattern_ops);");
            // The planner's statistics for the new expressions, at once rather than at the next automatic analyse.
            migrationBuilder.Sql("ANALYZE \"People\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_People_GivenName_Upper\";");
            migrationBuilder.Sql("DROP INDEX \"IX_People_FamilyName_Upper\";");
        }
    }
}
