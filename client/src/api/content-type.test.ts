import { describe, expect, it } from 'vitest';
import { contentTypeOf, imageExtension } from './content-type';

describe('imageExtension', () => {
  it('names a JPEG answer .jpg (WeChat may draw the 小程序码 as JPEG)', () => {
    expect(imageExtension('image/jpeg')).toBe('jpg');
  });

  it('names a PNG answer .png', () => {
    expect(imageExtension('image/png')).toBe('png');
  });

  it('reads the type without its parameters and in any case', () => {
    expect(imageExtension('Image/JPEG; charset=binary')).toBe('jpg');
  });

  it('falls back to the file path’s own extension when no type came with the file', () => {
    expect(imageExtension(null, 'wxfile://tmp_abc.jpeg')).toBe('jpg');
    expect(imageExtension(undefined, 'http://tmp/abc.png')).toBe('png');
  });

  it('prefers the Content-Type over the path', () => {
    expect(imageExtension('image/jpeg', 'http://tmp/abc.png')).toBe('jpg');
  });

  it('falls back to png when neither says an image type', () => {
    expect(imageExtension('application/octet-stream', 'http://tmp/abc.bin')).toBe('png');
    expect(imageExtension(null, undefined, 'jpg')).toBe('jpg');
  });
});

describe('contentTypeOf', () => {
  it('finds the header whatever the case of its name', () => {
    expect(contentTypeOf({ 'content-type': 'image/jpeg' })).toBe('image/jpeg');
    expect(contentTypeOf({ 'Content-Type': 'image/png' })).toBe('image/png');
  });

  it('is null without headers or without the header', () => {
    expect(contentTypeOf(undefined)).toBeNull();
    expect(contentTypeOf({ 'Content-Length': '12' })).toBeNull();
  });
});
