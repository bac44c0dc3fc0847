namespace Marketing.Cli;

/// <summary>Bad arguments that the parser could not catch; exits with code 2 and the message.</summary>
public sealed class UsageException(string message) : Exception(message);
