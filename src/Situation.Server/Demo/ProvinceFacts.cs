namespace Situation.Server.Demo;

/// <summary>
/// Public facts about Gia Lai (2021) that the demo needs even when the province pack is missing:
/// district codes, names, 2019 census population and the location of each district town.
/// </summary>
public static class ProvinceFacts
{
    public sealed record DistrictFact(string Code, string Name, string FullName, long Population, double TownLon, double TownLat);

    public sealed record CheckpointFact(string Id, string Road, string DistrictName, double Lon, double Lat);

    public static readonly IReadOnlyList<DistrictFact> Districts =
    [
        new("622", "Pleiku", "Thành phố Pleiku", 251776, 107.990562, 13.9793642),
        new("623", "An Khê", "Thị xã An Khê", 65918, 108.6745301, 13.9600662),
        new("624", "Ayun Pa", "Thị xã Ayun Pa", 39936, 108.4255994, 13.4039133),
        new("625", "KBang", "Huyện KBang", 65437, 108.5995985, 14.1414595),
        new("626", "Đăk Đoa", "Huyện Đăk Đoa", 123282, 108.1093817, 13.9954084),
        new("627", "Chư Păh", "Huyện Chư Păh", 76175, 107.9726797, 14.0958013),
        new("628", "Ia Grai", "Huyện Ia Grai", 105664, 107.8429154, 13.9650308),
        new("629", "Mang Yang", "Huyện Mang Yang", 68273, 108.2486435, 14.0340655),
        new("630", "Kông Chro", "Huyện Kông Chro", 52406, 108.5285456, 13.7739215),
        new("631", "Đức Cơ", "Huyện Đức Cơ", 75718, 107.6924674, 13.8054895),
        new("632", "Chư Prông", "Huyện Chư Prông", 121896, 107.8886555, 13.7618243),
        new("633", "Chư Sê", "Huyện Chư Sê", 121965, 108.0811822, 13.6954301),
        new("634", "Đăk Pơ", "Huyện Đăk Pơ", 40442, 108.550928, 13.9696847),
        new("635", "Ia Pa", "Huyện Ia Pa", 56596, 108.4594795, 13.5304314),
        new("637", "Krông Pa", "Huyện Krông Pa", 86416, 108.6833831, 13.1882942),
        new("638", "Phú Thiện", "Huyện Phú Thiện", 78627, 108.3052679, 13.5186088),
        new("639", "Chư Pưh", "Huyện Chư Pưh", 77511, 108.0930103, 13.5668174),
    ];

    /// <summary>
    /// The four provincial COVID checkpoints of 2021 on national roads, placed where those roads
    /// cross the province border.
    /// </summary>
    public static readonly IReadOnlyList<CheckpointFact> ProvincialCheckpoints =
    [
        new("cp-ql19-an-khe", "Quốc lộ 19", "An Khê", 108.755418, 13.962851),
        new("cp-ql14-chu-pah", "Quốc lộ 14", "Chư Păh", 107.991151, 14.245293),
        new("cp-ql14-chu-puh", "Quốc lộ 14", "Chư Pưh", 108.090729, 13.408906),
        new("cp-ql25-krong-pa", "Quốc lộ 25", "Krông Pa", 108.769701, 13.135091),
    ];

    public static readonly IReadOnlyList<string> TelecomOperators = ["viettel", "vnpt", "mobifone", "vietnamobile"];

    /// <summary>Rough market shares used to weight the synthetic base stations.</summary>
    public static readonly IReadOnlyList<double> TelecomShares = [0.38, 0.30, 0.22, 0.10];

    public static readonly IReadOnlyList<string> PostalOperators = ["vnpost", "viettelpost"];
}
