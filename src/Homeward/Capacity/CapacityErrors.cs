namespace Homeward.Capacity;

/// <summary>Not enough capacity on a day the booking needs: an expected outcome, answered with 409.</summary>
public sealed class CapacityUnavailableException(string message) : Exception(message);
