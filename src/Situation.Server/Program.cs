using Situation.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSituation();

var app = builder.Build();
app.MapSituation();
app.Run();

/// <summary>Visible to tests that host the real application.</summary>
public partial class Program;
