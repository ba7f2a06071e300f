using System.Globalization;
using Homeward.Common;

namespace Homeward.Administration;

/// <summary>Applying one record of the file, and where its problems are.</summary>
public sealed partial class ApplySetupFile
{
    private static long LineOf(string problem) =>
        problem.StartsWith("Line ", StringComparison.Ordinal) && long.TryParse(problem[5..problem.IndexOf(':')], CultureInfo.InvariantCulture, out var line) ? line : 0;

    /// <summary>Applies one record; its refusals become problems with the lines of the fields they are about.</summary>
    private async Task Apply(string what, SetupFileNode node, string keyField, Func<Task<string>> save)
    {
        var key = node.Text(keyField) ?? "(no " + keyField + ")";
        try
        {
            var said = await save();
            // A value of the wrong type (read while saving) is a problem even when the rest was accepted.
            if (node.Problems.Count == 0)
                _done.Add(new Done(what, key, said));
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages)
                    _problems.Add($"Line {node.Line(field)}: {what} {key}: {field}: {message}");
        }
        catch (Exception e) when (e is InvalidTransitionException or StaleVersionException or VersionRequiredException or NotFoundException)
        {
            _problems.Add($"Line {node.Start}: {what} {key}: {e.Message}");
        }
        finally
        {
            _problems.AddRange(node.Problems);
        }
    }
}
