using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace Situation.Server.Api.Exports;

/// <summary>
/// Layers as an OGC GeoPackage 1.3: an SQLite database with the GeoPackage tables (the spatial
/// reference systems, contents, geometry columns) and one feature table per layer, typed by its
/// columns, the geometry encoded by NetTopologySuite's GeoPackage writer.
/// </summary>
public static class GeoPackageExport
{
    private const int Wgs84 = 4326;
    private const string GeometryColumn = "geom";

    /// <summary>EPSG:4326 as GeoPackage's own table of reference systems gives it.</summary>
    private const string Wgs84Definition =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],"
        + "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <summary>Writes the layers as a new GeoPackage at <paramref name="path"/>, which must not exist yet.</summary>
    public static async Task Write(IReadOnlyList<ExportLayer> layers, string path, CancellationToken cancellation)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellation);
        await CreateTables(connection, cancellation);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellation);
        foreach (var layer in layers)
            await WriteLayer(connection, transaction, layer, cancellation);
        await transaction.CommitAsync(cancellation);
    }

    private static async Task CreateTables(SqliteConnection connection, CancellationToken cancellation)
    {
        await Execute(connection, null, cancellation,
            // 'GPKG' and version 1.3.0, by which readers know the file for a GeoPackage.
            "PRAGMA application_id = 1196444487",
            "PRAGMA user_version = 10300",
            """
            CREATE TABLE gpkg_spatial_ref_sys (
              srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)
            """,
            """
            CREATE TABLE gpkg_contents (
              table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
              srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id))
            """,
            """
            CREATE TABLE gpkg_geometry_columns (
              table_name TEXT NOT NULL REFERENCES gpkg_contents(table_name), column_name TEXT NOT NULL,
              geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL REFERENCES gpkg_spatial_ref_sys(srs_id),
              z TINYINT NOT NULL, m TINYINT NOT NULL,
              PRIMARY KEY (table_name, column_name), UNIQUE (table_name))
            """);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO gpkg_spatial_ref_sys VALUES
              ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
              ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
              ('WGS 84 geodetic', 4326, 'EPSG', 4326, $definition, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')
            """;
        command.Parameters.AddWithValue("$definition", Wgs84Definition);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task WriteLayer(SqliteConnection connection, SqliteTransaction transaction, ExportLayer layer, CancellationToken cancellation)
    {
        var table = Quote(layer.Name);
        var columns = string.Concat(layer.Columns.Select(c => $", {Quote(c.Name)} {SqlType(c.Kind)}"));
        await Execute(connection, transaction, cancellation,
            $"CREATE TABLE {table} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, {GeometryColumn} {layer.GeometryType}{columns})");

        var located = layer.Rows.Where(r => r.Geometry is not null).Select(r => r.Geometry!.EnvelopeInternal).ToList();
        await using (var contents = connection.CreateCommand())
        {
            contents.Transaction = transaction;
            contents.CommandText = """
                INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id)
                VALUES ($table, 'features', $table, $minX, $minY, $maxX, $maxY, $srs);
                INSERT INTO gpkg_geometry_columns VALUES ($table, $column, $type, $srs, 0, 0)
                """;
            contents.Parameters.AddWithValue("$table", layer.Name);
            contents.Parameters.AddWithValue("$column", GeometryColumn);
            contents.Parameters.AddWithValue("$type", layer.GeometryType);
            contents.Parameters.AddWithValue("$srs", Wgs84);
            contents.Parameters.AddWithValue("$minX", located.Count == 0 ? DBNull.Value : located.Min(e => e.MinX));
            contents.Parameters.AddWithValue("$minY", located.Count == 0 ? DBNull.Value : located.Min(e => e.MinY));
            contents.Parameters.AddWithValue("$maxX", located.Count == 0 ? DBNull.Value : located.Max(e => e.MaxX));
            contents.Parameters.AddWithValue("$maxY", located.Count == 0 ? DBNull.Value : located.Max(e => e.MaxY));
            await contents.ExecuteNonQueryAsync(cancellation);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var names = layer.Columns.Select(c => Quote(c.Name)).Prepend(GeometryColumn);
        var parameters = layer.Columns.Select((_, i) => $"$p{i}").Prepend("$geom").ToList();
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", parameters)})";
        var geometry = insert.Parameters.Add("$geom", SqliteType.Blob);
        var values = layer.Columns.Select((c, i) => insert.Parameters.Add($"$p{i}", Affinity(c.Kind))).ToArray();
        // Only X and Y: the writer would otherwise add Z and M ordinates that the geometries do not have.
        var writer = new GeoPackageGeoWriter { HandleOrdinates = NetTopologySuite.Geometries.Ordinates.XY };
        foreach (var row in layer.Rows)
        {
            geometry.Value = row.Geometry is null ? DBNull.Value : writer.Write(row.Geometry);
            for (var i = 0; i < values.Length; i++)
                values[i].Value = row.Values[i] switch
                {
                    null => DBNull.Value,
                    DateTimeOffset at => ExportValues.Time(at),
                    bool flag => flag ? 1 : 0,
                    var value => value,
                };
            await insert.ExecuteNonQueryAsync(cancellation);
        }
    }

    private static string SqlType(ColumnKind kind) => kind switch
    {
        // GeoPackage's INTEGER is 64-bit; MEDIUMINT keeps a 32-bit field 32-bit in a GIS.
        ColumnKind.Integer32 => "MEDIUMINT",
        ColumnKind.Integer64 => "INTEGER",
        ColumnKind.Real => "REAL",
        ColumnKind.Boolean => "BOOLEAN",
        ColumnKind.Time => "DATETIME",
        _ => "TEXT",
    };

    private static SqliteType Affinity(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer32 or ColumnKind.Integer64 or ColumnKind.Boolean => SqliteType.Integer,
        ColumnKind.Real => SqliteType.Real,
        _ => SqliteType.Text,
    };

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static async Task Execute(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellation, params string[] statements)
    {
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync(cancellation);
        }
    }
}
