using Marketing.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketing.Llm;

public static class Extensions
{
    /// <summary>
    /// Registers <see cref="LlmOptions"/> and one <see cref="ILlmClient"/> for the app (offline unless an endpoint or a
    /// key is configured). The response cache persists through the app's <see cref="IPostStore"/> when one is registered.
    /// </summary>
    public static IHostApplicationBuilder AddLlm(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => LlmOptions.Load(builder.Configuration));
        builder.Services.AddSingleton<ILlmClient>(sp =>
            LlmClientFactory.Create(sp.GetRequiredService<LlmOptions>(), sp.GetService<ILoggerFactory>(), sp.GetService<IPostStore>()));
        return builder;
    }
}
