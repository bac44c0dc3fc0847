using Microsoft.Extensions.Configuration;

namespace Marketing.Llm;

/// <summary>
/// LLM settings, bound from the <c>Llm</c> configuration section (appsettings.json, <c>MKT__Llm__*</c>), then the short
/// environment variables (<c>MKT_LLM_ENDPOINT</c>, <c>MKT_LLM_MODEL</c>...). The API key is read from the environment
/// only (<c>MKT_LLM_API_KEY</c>, <c>OPENAI_API_KEY</c> or <c>AZURE_OPENAI_API_KEY</c>): a key in a settings file is
/// ignored, so a committed appsettings.json can never carry one.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";
    public const string OfflineProvider = "offline";
    public const string OpenAiCompatibleProvider = "openai-compatible";
    public const string OfflineModel = "offline-template";
    public const string DefaultOpenAiEndpoint = "https://api.openai.com/v1";
    public const string DefaultModel = "gpt-4o-mini";

    /// <summary><c>auto</c> (default: a real endpoint when an endpoint or a key is set, else offline), <c>offline</c>, or <c>openai-compatible</c>.</summary>
    public string Provider { get; set; } = "auto";

    /// <summary>
    /// Base URL including <c>/v1</c>: <c>https://api.openai.com/v1</c>, <c>http://127.0.0.1:11434/v1</c> (Ollama),
    /// <c>http://127.0.0.1:8000/v1</c> (vLLM), <c>http://127.0.0.1:8080/v1</c> (llama.cpp),
    /// <c>https://RESOURCE.openai.azure.com/openai/v1</c> (Azure OpenAI v1 API). With only a key set, OpenAI's.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name (for Azure: the deployment name). Default <c>gpt-4o-mini</c>.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Azure OpenAI classic deployments API: with a deployment set, requests go to
    /// <c>{Endpoint}/openai/deployments/{AzureDeployment}/chat/completions?api-version={AzureApiVersion}</c> with an
    /// <c>api-key</c> header. Leave unset for the Azure v1 API, which is plain OpenAI-compatible.
    /// </summary>
    public string? AzureDeployment { get; set; }

    public string AzureApiVersion { get; set; } = "2024-10-21";

    /// <summary>
    /// How a JSON schema is asked for: <c>json-schema</c> (default, <c>response_format: json_schema</c>),
    /// <c>json-object</c> (for servers without schema support) or <c>none</c> (the schema is only in the prompt).
    /// The answer is validated as JSON either way.
    /// </summary>
    public string ResponseFormat { get; set; } = "json-schema";

    // Reliability.
    public double AttemptTimeoutSeconds { get; set; } = 60;

    /// <summary>Retries after the first attempt, on 429, 5xx, timeouts, transport errors and malformed answers.</summary>
    public int MaxRetries { get; set; } = 3;

    public double RetryBaseDelaySeconds { get; set; } = 0.5;

    public double RetryMaxDelaySeconds { get; set; } = 20;

    /// <summary>A server's Retry-After is honoured up to this cap; longer waits are cut to it.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>The breaker opens after this many consecutive failed attempts.</summary>
    public int BreakerFailureThreshold { get; set; } = 5;

    /// <summary>How long the breaker stays open before one half-open probe is let through.</summary>
    public double BreakerCooldownSeconds { get; set; } = 30;

    public int MaxConcurrency { get; set; } = 4;

    // Budget per run (per client instance); 0 means no limit.
    /// <summary>Most HTTP requests (attempts, retries included) this run may send. Default 500.</summary>
    public long MaxCalls { get; set; } = 500;

    /// <summary>Most input + output tokens this run may spend. Default 500,000.</summary>
    public long MaxTokens { get; set; } = 500_000;

    // Cost accounting, in USD per 1,000 tokens. Zero (the default) reports cost 0 rather than guessing a price.
    public decimal PricePer1kInputTokens { get; set; }

    public decimal PricePer1kOutputTokens { get; set; }

    /// <summary>Answers are cached by a hash of (model, system, user, schema, temperature).</summary>
    public bool Cache { get; set; } = true;

    /// <summary>With a store given, cached answers are also saved as <c>llm-cache</c> artifacts, so later runs hit.</summary>
    public bool PersistCache { get; set; } = true;

    /// <summary>From the environment only; prints as <c>sk-…(set)</c>. Never bound from configuration.</summary>
    [ConfigurationKeyName("__environment_only__")]
    public LlmSecret ApiKey { get; set; } = LlmSecret.None;

    /// <summary>Set when a settings file carried a key, which is ignored: shown as a warning by the factory.</summary>
    [ConfigurationKeyName("__not_bound__")]
    public string? IgnoredKeyWarning { get; set; }

    /// <summary>True when calls would go to a real endpoint rather than the offline provider.</summary>
    public bool IsOnline => Provider.Trim().ToLowerInvariant() switch
    {
        OfflineProvider => false,
        OpenAiCompatibleProvider => true,
        _ => !string.IsNullOrWhiteSpace(Endpoint) || ApiKey.IsSet,
    };

    public string EffectiveModel => !IsOnline ? OfflineModel : string.IsNullOrWhiteSpace(Model) ? DefaultModel : Model.Trim();

    /// <summary>The endpoint actually called (OpenAI's when only a key is set), or null offline.</summary>
    public string? EffectiveEndpoint => !IsOnline ? null : string.IsNullOrWhiteSpace(Endpoint) ? DefaultOpenAiEndpoint : Endpoint.Trim().TrimEnd('/');

    public bool IsAzureClassic => !string.IsNullOrWhiteSpace(AzureDeployment);

    /// <summary>Azure hosts also get the <c>api-key</c> header, which both Azure API forms accept.</summary>
    public bool IsAzure => IsAzureClassic || (EffectiveEndpoint is { } e && Uri.TryCreate(e, UriKind.Absolute, out var u) &&
        (u.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase) || u.Host.EndsWith(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase) ||
         u.Host.EndsWith(".services.ai.azure.com", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Reads the <c>Llm</c> section, then environment overrides. <paramref name="environment"/> defaults to the process
    /// environment; tests pass their own so they never depend on (or leak) the machine's variables.
    /// </summary>
    public static LlmOptions Load(IConfiguration? configuration, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new LlmOptions();
        var section = configuration?.GetSection(SectionName);
        if (section is not null)
        {
            section.Bind(options);
            if (!string.IsNullOrEmpty(section["ApiKey"]))
            {
                options.IgnoredKeyWarning = "Llm:ApiKey in configuration is ignored: API keys are read only from MKT_LLM_API_KEY (or OPENAI_API_KEY / AZURE_OPENAI_API_KEY).";
            }
        }

        string? Env(params string[] names) => names.Select(n => environment(n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

        options.Provider = Env("MKT_LLM_PROVIDER") ?? options.Provider;
        options.Endpoint = Env("MKT_LLM_ENDPOINT", "OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT") ?? options.Endpoint;
        options.Model = Env("MKT_LLM_MODEL") ?? options.Model;
        options.AzureDeployment = Env("MKT_LLM_AZURE_DEPLOYMENT", "AZURE_OPENAI_DEPLOYMENT") ?? options.AzureDeployment;
        options.AzureApiVersion = Env("MKT_LLM_AZURE_API_VERSION", "OPENAI_API_VERSION") ?? options.AzureApiVersion;
        options.ResponseFormat = Env("MKT_LLM_RESPONSE_FORMAT") ?? options.ResponseFormat;
        options.ApiKey = new LlmSecret(Env("MKT_LLM_API_KEY", "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY"));
        if (Env("MKT_LLM_MAX_CALLS") is { } calls)
        {
            options.MaxCalls = ParseLong("MKT_LLM_MAX_CALLS", calls);
        }

        if (Env("MKT_LLM_MAX_TOKENS") is { } tokens)
        {
            options.MaxTokens = ParseLong("MKT_LLM_MAX_TOKENS", tokens);
        }

        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a message a person can act on.</summary>
    public void Validate()
    {
        var provider = Provider.Trim().ToLowerInvariant();
        if (provider is not ("auto" or OfflineProvider or OpenAiCompatibleProvider))
        {
            throw new ArgumentException($"Llm:Provider / MKT_LLM_PROVIDER must be auto, offline or openai-compatible, not '{Provider}'.");
        }

        if (ResponseFormat.Trim().ToLowerInvariant() is not ("json-schema" or "json-object" or "none"))
        {
            throw new ArgumentException($"Llm:ResponseFormat / MKT_LLM_RESPONSE_FORMAT must be json-schema, json-object or none, not '{ResponseFormat}'.");
        }

        if (!string.IsNullOrWhiteSpace(Endpoint))
        {
            if (!Uri.TryCreate(Endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"MKT_LLM_ENDPOINT / Llm:Endpoint must be an http(s) base URL such as http://127.0.0.1:11434/v1, not '{SafeUrl(Endpoint)}'.");
            }

            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new ArgumentException("MKT_LLM_ENDPOINT must not carry credentials in the URL; put the key in MKT_LLM_API_KEY.");
            }
        }

        if (IsAzureClassic && string.IsNullOrWhiteSpace(Endpoint))
        {
            throw new ArgumentException("An Azure deployment (MKT_LLM_AZURE_DEPLOYMENT) needs MKT_LLM_ENDPOINT=https://RESOURCE.openai.azure.com.");
        }

        Check(AttemptTimeoutSeconds > 0, "AttemptTimeoutSeconds must be > 0.");
        Check(MaxRetries >= 0, "MaxRetries must be >= 0.");
        Check(RetryBaseDelaySeconds >= 0 && RetryMaxDelaySeconds >= 0 && MaxRetryAfterSeconds >= 0, "Retry delays must be >= 0.");
        Check(BreakerFailureThreshold >= 1, "BreakerFailureThreshold must be >= 1.");
        Check(BreakerCooldownSeconds >= 0, "BreakerCooldownSeconds must be >= 0.");
        Check(MaxConcurrency >= 1, "MaxConcurrency must be >= 1.");
        Check(MaxCalls >= 0 && MaxTokens >= 0, "MaxCalls and MaxTokens must be >= 0 (0 means no limit).");
        Check(PricePer1kInputTokens >= 0 && PricePer1kOutputTokens >= 0, "Prices must be >= 0.");
    }

    /// <summary>A one-line description that is safe to print: the key shows only as set or not set.</summary>
    public override string ToString() => IsOnline
        ? $"provider={OpenAiCompatibleProvider} endpoint={SafeUrl(EffectiveEndpoint)} model={EffectiveModel}{(IsAzureClassic ? $" azure-deployment={AzureDeployment} api-version={AzureApiVersion}" : "")} api-key={ApiKey} " +
          $"timeout={AttemptTimeoutSeconds}s retries={MaxRetries} breaker={BreakerFailureThreshold}/{BreakerCooldownSeconds}s concurrency={MaxConcurrency} " +
          $"budget=calls:{(MaxCalls == 0 ? "unlimited" : MaxCalls)},tokens:{(MaxTokens == 0 ? "unlimited" : MaxTokens)} cache={(Cache ? PersistCache ? "memory+store-when-given" : "memory" : "off")}"
        : $"provider={OfflineProvider} model={OfflineModel} (no LLM configured: set MKT_LLM_ENDPOINT and/or MKT_LLM_API_KEY to use one)";

    /// <summary>A URL with any user info and query string removed.</summary>
    public static string SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return "(invalid URL)";
        }

        return new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.ToString().TrimEnd('/');
    }

    private static long ParseLong(string name, string value) =>
        long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{name} must be a whole number >= 0 (0 means no limit), not '{value}'.");

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException("Llm options: " + message);
        }
    }
}
