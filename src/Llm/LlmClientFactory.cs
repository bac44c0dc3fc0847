using System.ClientModel;
using System.ClientModel.Primitives;
using Marketing.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;

namespace Marketing.Llm;

/// <summary>
/// Builds the configured <see cref="ILlmClient"/>: the offline provider when no endpoint and no key are set (the
/// default), else an <see cref="LlmClient"/> over an OpenAI-compatible endpoint. This is the only place in the
/// repository that constructs an HTTP client for an LLM.
/// </summary>
public static class LlmClientFactory
{
    /// <summary>Reads <c>Llm</c> settings and the MKT_LLM_* environment variables (see docs/llm.md).</summary>
    public static ILlmClient Create(IConfiguration configuration, ILoggerFactory? loggerFactory = null, IPostStore? cacheStore = null) =>
        Create(LlmOptions.Load(configuration), loggerFactory, cacheStore);

    public static ILlmClient Create(LlmOptions options, ILoggerFactory? loggerFactory = null, IPostStore? cacheStore = null, TimeProvider? time = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        options.Validate();
        var logger = loggerFactory.CreateLogger<LlmClient>();
        if (options.IgnoredKeyWarning is { } warning)
        {
            logger.LogWarning("{Warning}", warning);
        }

        if (!options.IsOnline)
        {
            logger.LogInformation("LLM: offline provider (model {Model}); no calls will be made", LlmOptions.OfflineModel);
            return new OfflineLlmClient();
        }

        logger.LogInformation("LLM: {Settings}", options.ToString());
        return new LlmClient(CreateChatClient(options), options, logger, cacheStore, time);
    }

    /// <summary>
    /// The raw <see cref="IChatClient"/> for an OpenAI-compatible endpoint (tests point it at a loopback server via
    /// <see cref="LlmOptions.Endpoint"/>). The SDK's own retries are turned off: <see cref="LlmClient"/> owns
    /// retries, so that the budget, the breaker and the accounting see every attempt.
    /// </summary>
    public static IChatClient CreateChatClient(LlmOptions options)
    {
        var endpoint = new Uri(options.EffectiveEndpoint ?? LlmOptions.DefaultOpenAiEndpoint);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // Each attempt has its own timeout in LlmClient; the transport's must not fire first.
            NetworkTimeout = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds + 30),
            UserAgentApplicationId = "marketing-mkt",
        };

        // Local servers (Ollama, vLLM, llama.cpp) need no key, but the SDK requires a non-empty credential.
        var key = options.ApiKey.Reveal() ?? "no-key";
        if (options.IsAzure)
        {
            clientOptions.AddPolicy(new AzureDeploymentPolicy(options.ApiKey.Reveal() ?? "", options.IsAzureClassic ? endpoint : null,
                options.AzureDeployment, options.AzureApiVersion), PipelinePosition.BeforeTransport);
        }

        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(options.EffectiveModel).AsIChatClient();
    }
}
