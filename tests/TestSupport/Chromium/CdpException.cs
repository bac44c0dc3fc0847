namespace Marketing.TestSupport.Chromium;

/// <summary>A DevTools protocol call failed, timed out, or the browser went away.</summary>
public sealed class CdpException(string message, Exception? inner = null) : Exception(message, inner);
