using System.ClientModel.Primitives;

namespace Marketing.Llm;

/// <summary>
/// Adapts the OpenAI client to Azure OpenAI. Both Azure API forms get the <c>api-key</c> header (the v1 API also takes
/// the bearer token). For the classic deployments API, <c>{base}/chat/completions</c> is rewritten to
/// <c>{resource}/openai/deployments/{deployment}/chat/completions?api-version={version}</c>, the same protocol at a
/// different path, so no Azure-specific SDK is needed.
/// </summary>
internal sealed class AzureDeploymentPolicy(string apiKey, Uri? resource, string? deployment, string apiVersion) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Adapt(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Adapt(message);
        await ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Adapt(PipelineMessage message)
    {
        var request = message.Request;
        if (apiKey.Length > 0)
        {
            request.Headers.Set("api-key", apiKey);
        }

        if (resource is null || string.IsNullOrEmpty(deployment) || request.Uri is null)
        {
            return;
        }

        // The classic API authenticates by api-key; a bearer header would be read as an Entra token and refused.
        request.Headers.Remove("Authorization");

        var path = request.Uri.AbsolutePath;
        var operation = path.EndsWith("/chat/completions", StringComparison.Ordinal) ? "chat/completions" : path[(path.LastIndexOf('/') + 1)..];
        var root = resource.GetLeftPart(UriPartial.Authority);
        request.Uri = new Uri($"{root}/openai/deployments/{Uri.EscapeDataString(deployment)}/{operation}?api-version={Uri.EscapeDataString(apiVersion)}");
    }
}
