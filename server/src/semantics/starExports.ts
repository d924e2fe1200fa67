// What `from pandas import *` and `from numpy import *` bind: the names each
// module exports, as scripts/star-exports.py lists them. `always`: under every
// version measured (numpy 1.24.2 and 2.4.6; pandas 1.5.3, 2.3.3 and 3.0.6,
// whose `__all__` lists them); `sometimes`: under some of them only
// (numpy 1.x's `float_`, 2.x's `concat`), `builtinsSometimes` those that are
// also builtins, which the import then shadows or not by version (numpy 2.x's
// `max`, `round`). Other star imports may bind any name.

/** The names a module's star import binds. */
interface StarExports {
  readonly always: ReadonlySet<string>;
  readonly sometimes: ReadonlySet<string>;
  readonly builtinsSometimes: ReadonlySet<string>;
}

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter((word) => word !== ''));

const STAR_EXPORTS: ReadonlyMap<string, StarExports> = new Map([
  [
    'numpy',
    {
      always: words(`
False_ ScalarType True_ __version__ absolute add all allclose amax amin angle any append apply_along_axis
apply_over_axes arange arccos arccosh arcsin arcsinh arctan arctan2 arctanh argmax argmin argpartition argsort
argwhere around array array2string array_equal array_equiv array_repr array_split array_str asanyarray asarray
asarray_chkfinite ascontiguousarray asfortranarray asmatrix atleast_1d atleast_2d atleast_3d average bartlett
base_repr binary_repr bincount bitwise_and bitwise_not bitwise_or bitwise_xor blackman block bmat bool_
broadcast broadcast_arrays broadcast_shapes broadcast_to busday_count busday_offset busdaycalendar byte bytes_
c_ can_cast cbrt cdouble ceil char character choose clip clongdouble column_stack common_type complex128
complex256 complex64 complexfloating compress concatenate conj conjugate convolve copy copysign copyto
corrcoef correlate cos cosh count_nonzero cov cross csingle ctypeslib cumprod cumsum datetime64
datetime_as_string datetime_data deg2rad degrees delete diag diag_indices diag_indices_from diagflat diagonal
diff digitize divide divmod dot double dsplit dstack dtype e ediff1d einsum einsum_path emath empty empty_like
equal errstate euler_gamma exp exp2 expand_dims expm1 extract eye fabs fft fill_diagonal finfo fix flatiter
flatnonzero flexible flip fliplr flipud float128 float16 float32 float64 float_power floating floor
floor_divide fmax fmin fmod format_float_positional format_float_scientific frexp from_dlpack frombuffer
fromfile fromfunction fromiter frompyfunc fromregex fromstring full full_like gcd generic genfromtxt geomspace
get_include get_printoptions getbufsize geterr geterrcall gradient greater greater_equal half hamming hanning
heaviside histogram histogram2d histogram_bin_edges histogramdd hsplit hstack hypot i0 identity iinfo imag
index_exp indices inexact inf info inner insert int16 int32 int64 int8 int_ intc integer interp intersect1d
intp invert is_busday isclose iscomplex iscomplexobj isfinite isfortran isin isinf isnan isnat isneginf
isposinf isreal isrealobj isscalar issubdtype iterable ix_ kaiser kron lcm ldexp left_shift less less_equal
lexsort linalg linspace little_endian load loadtxt log log10 log1p log2 logaddexp logaddexp2 logical_and
logical_not logical_or logical_xor logspace longdouble longlong ma mask_indices matmul matrix maximum
may_share_memory mean median memmap meshgrid mgrid min_scalar_type minimum mintypecode mod modf moveaxis
multiply nan nan_to_num nanargmax nanargmin nancumprod nancumsum nanmax nanmean nanmedian nanmin nanpercentile
nanprod nanquantile nanstd nansum nanvar ndarray ndenumerate ndim ndindex nditer negative nested_iters newaxis
nextafter nonzero not_equal number object_ ogrid ones ones_like outer packbits pad partition percentile pi
piecewise place poly poly1d polyadd polyder polydiv polyfit polyint polymul polysub polyval positive power
printoptions prod promote_types ptp put put_along_axis putmask quantile r_ rad2deg radians random ravel
ravel_multi_index real real_if_close rec recarray reciprocal record remainder repeat require reshape resize
result_type right_shift rint roll rollaxis roots rot90 row_stack s_ save savetxt savez savez_compressed
sctypeDict searchsorted select set_printoptions setbufsize setdiff1d seterr seterrcall setxor1d shape
shares_memory short show_config show_runtime sign signbit signedinteger sin sinc single sinh size sort
sort_complex spacing split sqrt square squeeze stack std str_ subtract sum swapaxes take take_along_axis tan
tanh tensordot tile timedelta64 trace transpose tri tril tril_indices tril_indices_from trim_zeros triu
triu_indices triu_indices_from true_divide trunc typecodes typename ubyte ufunc uint uint16 uint32 uint64
uint8 uintc uintp ulonglong union1d unique unpackbits unravel_index unsignedinteger unwrap ushort vander var
vdot vectorize void vsplit vstack where zeros zeros_like
`),
      sometimes: words(`
ALLOW_THREADS AxisError BUFSIZE CLIP ComplexWarning DataSource ERR_CALL ERR_DEFAULT ERR_IGNORE ERR_LOG
ERR_PRINT ERR_RAISE ERR_WARN FLOATING_POINT_SUPPORT FPE_DIVIDEBYZERO FPE_INVALID FPE_OVERFLOW FPE_UNDERFLOW
Inf Infinity MAXDIMS MAY_SHARE_BOUNDS MAY_SHARE_EXACT ModuleDeprecationWarning NAN NINF NZERO NaN PINF PZERO
RAISE RankWarning SHIFT_DIVIDEBYZERO SHIFT_INVALID SHIFT_OVERFLOW SHIFT_UNDERFLOW TooHardError
UFUNC_BUFSIZE_DEFAULT UFUNC_PYVALS_NAME VisibleDeprecationWarning WRAP _UFUNC_API __array_namespace_info__
_add_newdoc_ufunc _get_promotion_state _no_nep50_warning _set_promotion_state acos acosh add_docstring
add_newdoc add_newdoc_ufunc alltrue asfarray asin asinh astype atan atan2 atanh bitwise_count bitwise_invert
bitwise_left_shift bitwise_right_shift byte_bounds cast cfloat chararray clongfloat compare_chararrays
complex_ concat core cumproduct cumulative_prod cumulative_sum deprecate deprecate_with_doc disp dtypes
exceptions f2py fastCopyAndTranspose find_common_type float_ format_parser get_array_wrap geterrobj in1d infty
isdtype issctype issubclass_ issubsctype lib long longcomplex longfloat lookfor mat math matrix_transpose
matvec maximum_sctype msort nbytes obj2sctype permute_dims polynomial product recfromcsv recfromtxt round_
safe_eval sctype2char sctypes set_numeric_ops set_string_function seterrobj singlecomplex sometrue source
string_ strings test testing tracemalloc_domain trapezoid trapz typing ulong unicode_ unique_all unique_counts
unique_inverse unique_values unstack vecdot vecmat who
`),
      builtinsSometimes: words(`
abs bool max min pow round
`),
    },
  ],
  [
    'pandas',
    {
      always: words(`
ArrowDtype BooleanDtype Categorical CategoricalDtype CategoricalIndex DataFrame DateOffset DatetimeIndex
DatetimeTZDtype ExcelFile ExcelWriter Flags Float32Dtype Float64Dtype Grouper HDFStore Index IndexSlice
Int16Dtype Int32Dtype Int64Dtype Int8Dtype Interval IntervalDtype IntervalIndex MultiIndex NA NaT NamedAgg
Period PeriodDtype PeriodIndex RangeIndex Series SparseDtype StringDtype Timedelta TimedeltaIndex Timestamp
UInt16Dtype UInt32Dtype UInt64Dtype UInt8Dtype api array arrays bdate_range concat crosstab cut date_range
describe_option errors eval factorize from_dummies get_dummies get_option infer_freq interval_range io isna
isnull json_normalize lreshape melt merge merge_asof merge_ordered notna notnull offsets option_context
options period_range pivot pivot_table plotting qcut read_clipboard read_csv read_excel read_feather read_fwf
read_hdf read_html read_json read_orc read_parquet read_pickle read_sas read_spss read_sql read_sql_query
read_sql_table read_stata read_table read_xml reset_option set_eng_float_format set_option show_versions test
testing timedelta_range to_datetime to_numeric to_pickle to_timedelta tseries unique wide_to_long
`),
      sometimes: words(`
col read_gbq read_iceberg value_counts
`),
      builtinsSometimes: words(`

`),
    },
  ],
]);

/**
 * What the star imports of a scope (their modules, in document order) bind
 * `name` to: `pandas.read_csv` from the last import that binds it, 'unknown'
 * when an import of another module may bind it or which one does depends on
 * versions, undefined when none of them binds it.
 */
export function starImportedName(name: string, modules: readonly string[]): string | 'unknown' | undefined {
  for (let index = modules.length - 1; index >= 0; index--) {
    const module = modules[index]!;
    const exports = STAR_EXPORTS.get(module);
    if (!exports || exports.builtinsSometimes.has(name)) return 'unknown';
    if (exports.always.has(name)) return `${module}.${name}`;
    // Bound by some versions only: the module's, unless an earlier import binds the name under the others.
    if (exports.sometimes.has(name))
      return starImportedName(name, modules.slice(0, index)) === undefined ? `${module}.${name}` : 'unknown';
  }
  return undefined;
}
