using CustomResources;

namespace IcebergTableSync;

/// <summary>What a Create or Update asks for: the database, the workgroup, the desired tables.</summary>
public sealed record ReconcileRequest(string RequestType, string? PhysicalResourceId, string Database, string WorkGroup, IReadOnlyList<DesiredTable> Tables);

/// <summary>
/// Brings every desired table to its plan: creates the absent ones, adds missing columns, leaves the rest; any refusal
/// fails the whole request before a statement runs, naming every refused table.
/// </summary>
public sealed class Reconciler(ITableCatalog catalog, Func<ReconcileRequest, IQueryRunner> queries, StructuredLog log)
{
    public async Task<IReadOnlyList<TablePlan>> RunAsync(ReconcileRequest request, CancellationToken cancellation)
    {
        var plans = new List<TablePlan>();
        foreach (var table in request.Tables)
        {
            plans.Add(TablePlanner.Plan(table, await catalog.GetTableAsync(request.Database, table.Name, cancellation)));
        }

        var refused = plans.OfType<TablePlan.Refuse>().ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" | ", refused.Select(plan => plan.Reason)));
        }

        var runner = queries(request);
        foreach (var plan in plans)
        {
            var statement = plan switch
            {
                TablePlan.Create create => AthenaDdl.CreateTable(request.Database, create.Desired),
                TablePlan.AddColumns add => AthenaDdl.AddColumns(request.Database, add.Name, add.Missing),
                _ => null,
            };
            log.Info("table", new() { ["table"] = plan.Table, ["plan"] = plan.GetType().Name, ["statement"] = statement });
            if (statement is not null)
            {
                await runner.RunAsync(statement, cancellation);
            }
        }

        return plans;
    }
}
