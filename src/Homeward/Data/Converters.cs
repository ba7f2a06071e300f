using Homeward.People;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Homeward.Data;

internal sealed class NhsNumberConverter() : ValueConverter<NhsNumber, string>(n => n.Value, s => NhsNumber.Parse(s));

internal sealed class PostcodeConverter() : ValueConverter<Postcode, string>(p => p.Value, s => Postcode.Parse(s));
