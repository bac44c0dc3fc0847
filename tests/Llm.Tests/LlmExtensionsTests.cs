using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NUnit.Framework;

namespace Marketing.Llm.Tests;

public sealed class LlmExtensionsTests
{
    [Test]
    public void AddLlm_registers_one_client_built_from_configuration()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Llm:Provider"] = "offline", ["Llm:MaxCalls"] = "7" });
        builder.AddLlm();
        using var host = builder.Build();

        var client = host.Services.GetRequiredService<ILlmClient>();

        Assert.That(client.Provider.IsOffline, Is.True);
        Assert.That(host.Services.GetRequiredService<ILlmClient>(), Is.SameAs(client));
        Assert.That(host.Services.GetRequiredService<LlmOptions>().MaxCalls, Is.EqualTo(7));
    }
}
